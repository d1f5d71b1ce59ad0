using CityServices.Revocation.Bootstrap;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityServices.Identity.Tokens.Revocations;

/// <summary>
/// <c>GET /internal/revocations?after=&amp;limit=</c>: the list every process reads at start and after
/// a broker outage (docs/identity.md, Token lifetime and revocation). It sits outside
/// <c>/api/identity</c>, so the gateway, which routes by service prefix, never exposes it; inside
/// the deployment only the release's own pods reach identity (NetworkPolicy). It is anonymous: it
/// names cards and staff who lost a role, never a person's details, and asking for a token first
/// would make every process's start depend on a client secret as well as on identity.
/// </summary>
public static class RevocationListEndpoint
{
    /// <summary>Identity's own view reads the list in-process, not over HTTP to itself.</summary>
    public static void AddRevocationList(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RevocationListQuery>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IRevocationSource>(services => services.GetRequiredService<RevocationListQuery>()));
    }

    public static IEndpointRouteBuilder MapRevocationList(this IEndpointRouteBuilder app)
    {
        app.MapGet(RevocationListPage.Path, async (RevocationListQuery list, CancellationToken ct, long after = 0, int limit = RevocationListPage.MaxLimit) =>
                after < 0 || limit is < 1 or > RevocationListPage.MaxLimit
                    ? Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                        detail: $"after must be 0 or more and limit between 1 and {RevocationListPage.MaxLimit}.")
                    : Results.Ok(await list.ReadAsync(after, limit, ct)))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
