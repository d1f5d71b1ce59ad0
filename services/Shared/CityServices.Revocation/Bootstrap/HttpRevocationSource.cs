using System.Globalization;
using System.Net.Http.Json;
using CityServices.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace CityServices.Revocation.Bootstrap;

/// <summary>Reads the revocation list from identity's internal route; the shared HTTP defaults add timeouts and retries.</summary>
internal sealed class HttpRevocationSource(
    HttpClient http, IOptions<RevocationOptions> options, IOptions<ServiceAuthenticationOptions> authentication) : IRevocationSource
{
    public async Task<RevocationListPage> ReadAsync(long after, int limit, CancellationToken ct)
    {
        var identity = options.Value.Source ?? authentication.Value.Authority
            ?? throw new InvalidOperationException("Neither Revocation:Source nor Authentication:Authority names identity.");
        var query = string.Create(CultureInfo.InvariantCulture, $"{RevocationListPage.Path.TrimStart('/')}?after={after}&limit={limit}");
        return await http.GetFromJsonAsync<RevocationListPage>(new Uri(identity, query), ct)
            ?? throw new FormatException("Identity answered the revocation list with null.");
    }
}
