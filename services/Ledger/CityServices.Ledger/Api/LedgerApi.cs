namespace CityServices.Ledger.Api;

/// <summary>
/// The public read API of docs/ledger-api.md under <c>/api/ledger</c>: anonymous, rate-limited
/// per client IP address, hashes only.
/// </summary>
public static class LedgerApi
{
    public static WebApplication MapLedgerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup(LedgerRegistration.Service.RoutePrefix)
            .AllowAnonymous()
            .RequireRateLimiting(ClientIpRateLimitPolicy.Name)
            .WithTags("Ledger")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapLatestCheckpoint();
        api.MapInclusionProof();
        api.MapConsistencyProof();
        api.MapAnchors();
        api.MapServiceLeaves();
        api.MapLeaves();
        api.MapBatchProof();
        return app;
    }
}
