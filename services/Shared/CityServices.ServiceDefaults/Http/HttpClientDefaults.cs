using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace CityServices.ServiceDefaults;

/// <summary>Every HttpClient from the factory gets timeouts, retries and a circuit breaker.</summary>
internal static class HttpClientDefaults
{
    public static void AddHttpClientDefaults(this IHostApplicationBuilder builder) =>
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler(options =>
            // A POST that timed out may have been applied: retrying it could apply it twice.
            options.Retry.DisableForUnsafeHttpMethods()));
}
