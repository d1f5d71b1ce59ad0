using CityServices.Ledger.Proofs;

namespace CityServices.Ledger.Api;

/// <summary><c>GET /api/ledger/anchors?after=&amp;limit=</c>: confirmed anchors in contract index order.</summary>
public static class AnchorsEndpoint
{
    public static RouteGroupBuilder MapAnchors(this RouteGroupBuilder api)
    {
        api.MapRead<IReadOnlyList<Anchor>>("/anchors", GetAsync, "ListAnchors", "Confirmed anchors in contract index order, a page at a time.")
            .DocumentsPage("anchor index", "anchors")
            .ProducesValidationProblem();
        return api;
    }

    private static Task<IResult> GetAsync(string? after, string? limit, AnchoredCheckpoints checkpoints, CancellationToken cancellationToken) =>
        Paging.ListAsync(after, limit, "anchor index", (afterIndex, count) => checkpoints.ListAsync(afterIndex, count, cancellationToken));
}
