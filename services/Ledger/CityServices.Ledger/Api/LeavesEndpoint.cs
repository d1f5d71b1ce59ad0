using CityServices.Ledger.Proofs;
using Microsoft.OpenApi;

namespace CityServices.Ledger.Api;

/// <summary>
/// <c>GET /api/ledger/leaves?after=&amp;limit=</c>: every leaf in log order, so an auditor can rebuild
/// the root of an anchored tree and so prove that per-service listings are complete.
/// </summary>
public static class LeavesEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapLeaves(this RouteGroupBuilder api)
    {
        api.MapGet("/leaves", GetAsync)
            .WithName("ListLeaves")
            .Documents("after", JsonSchemaType.Integer, "int64", "The last leaf index already seen (exclusive); default: from the first.")
            .Documents("limit", JsonSchemaType.Integer, "int32", "How many leaves, 1 to 1000; default 100.")
            .WithSummary("Every leaf (index, hash, event id, service, sequence) in log order, a page at a time.")
            .Produces<IReadOnlyList<LogLeaf>>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> GetAsync(string? after, string? limit, LeafListings leaves, CancellationToken cancellationToken) =>
        Parameters.TryReadPage(after, limit, "the last leaf index already seen", DefaultLimit, MaxLimit, out var afterIndex, out var count) is { } invalid
            ? invalid
            : Results.Ok(await leaves.ListAsync(afterIndex, count, cancellationToken));
}
