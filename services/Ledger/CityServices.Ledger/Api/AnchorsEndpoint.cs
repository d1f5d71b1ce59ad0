using CityServices.Ledger.Proofs;
using Microsoft.OpenApi;

namespace CityServices.Ledger.Api;

/// <summary><c>GET /api/ledger/anchors?after=&amp;limit=</c>: confirmed anchors in contract index order.</summary>
public static class AnchorsEndpoint
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapAnchors(this RouteGroupBuilder api)
    {
        api.MapGet("/anchors", GetAsync)
            .WithName("ListAnchors")
            .Documents("after", JsonSchemaType.Integer, "int64", "The last anchor index already seen (exclusive); default: from the first.")
            .Documents("limit", JsonSchemaType.Integer, "int32", "How many anchors, 1 to 1000; default 100.")
            .WithSummary("Confirmed anchors in contract index order, a page at a time.")
            .Produces<IReadOnlyList<Anchor>>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> GetAsync(string? after, string? limit, AnchoredCheckpoints checkpoints, CancellationToken cancellationToken)
    {
        var afterIndex = -1L;
        if (after is not null && !Parameters.TryReadCount(after, out afterIndex))
        {
            return Parameters.Invalid(nameof(after), "after must be a non-negative integer: the last anchor index already seen.");
        }

        var count = (long)DefaultLimit;
        if (limit is not null && (!Parameters.TryReadCount(limit, out count) || count is < 1 or > MaxLimit))
        {
            return Parameters.Invalid(nameof(limit), $"limit must be an integer from 1 to {MaxLimit}.");
        }

        return Results.Ok(await checkpoints.ListAsync(afterIndex, (int)count, cancellationToken));
    }
}
