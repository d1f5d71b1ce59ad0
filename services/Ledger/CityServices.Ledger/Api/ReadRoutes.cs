namespace CityServices.Ledger.Api;

/// <summary>
/// What each public read route declares beyond its group (anonymous, rate-limited, tagged, 429):
/// a GET with its operation name, its summary and its 200 body. The 400, 404 and 409 a route can
/// give it declares itself, so no route documents an answer it cannot give.
/// </summary>
internal static class ReadRoutes
{
    public static RouteHandlerBuilder MapRead<TBody>(this RouteGroupBuilder api, string pattern, Delegate handler, string name, string summary) =>
        api.MapGet(pattern, handler)
            .WithName(name)
            .WithSummary(summary)
            .Produces<TBody>();
}
