using CityServices.Ledger.Proofs;

namespace CityServices.Ledger.Api;

/// <summary>
/// <c>GET /api/ledger/leaves?after=&amp;limit=</c>: every leaf in log order, so an auditor can rebuild
/// the root of an anchored tree and so prove that per-service listings are complete.
/// </summary>
public static class LeavesEndpoint
{
    public static RouteGroupBuilder MapLeaves(this RouteGroupBuilder api)
    {
        api.MapRead<IReadOnlyList<LogLeaf>>("/leaves", GetAsync, "ListLeaves",
                "Every leaf (index, hash, event id, service, sequence) in log order, a page at a time.")
            .DocumentsPage("leaf index", "leaves")
            .ProducesValidationProblem();
        return api;
    }

    private static Task<IResult> GetAsync(string? after, string? limit, LeafListings leaves, CancellationToken cancellationToken) =>
        Paging.ListAsync(after, limit, "leaf index", (afterIndex, count) => leaves.ListAsync(afterIndex, count, cancellationToken));
}
