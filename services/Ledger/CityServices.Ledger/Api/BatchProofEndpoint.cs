using CityServices.Hashing;
using CityServices.Ledger.Proofs;
using Microsoft.OpenApi;

namespace CityServices.Ledger.Api;

/// <summary>
/// <c>GET /api/ledger/proofs?treeSize=N[&amp;service=S]&amp;after=&amp;limit=</c>: inclusion proofs of a page of
/// leaves against one anchored tree. Leaves are named by position (after a leaf index, in log order)
/// rather than by event id, so a client walks the anchored log page by page with constant memory,
/// and the request stays a short, cacheable GET.
/// </summary>
public static class BatchProofEndpoint
{
    public static RouteGroupBuilder MapBatchProof(this RouteGroupBuilder api)
    {
        api.MapRead<BatchInclusionProof>("/proofs", GetAsync, "GetBatchInclusionProof",
                "Inclusion proofs of the leaves after a leaf index (of one service, if given), in log order, against one anchored tree size.")
            .Documents("treeSize", JsonSchemaType.Integer, "int64", "An anchored tree size (required): every proof is against it, and only leaves below it are listed.")
            .Documents("service", JsonSchemaType.String, "alias", "Only this service's leaves; default: every leaf.")
            .DocumentsPage("leaf index", "leaves")
            .WithDescription($"At most {Paging.MaxLimit} leaves per answer; a larger limit is a 400, as is a treeSize that is not anchored.")
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> GetAsync(
        string? treeSize, string? service, string? after, string? limit, BatchInclusionProofs proofs, CancellationToken cancellationToken)
    {
        if (!Parameters.TryReadCount(treeSize, out var size) || size == 0)
        {
            return Parameters.Invalid(nameof(treeSize), "treeSize is required: a positive integer, the size of an anchored checkpoint.");
        }

        if (service is not null && !LeafRecord.IsValidAlias(service))
        {
            return Parameters.Invalid(nameof(service),
                $"service must be a service alias of at most {LeafRecord.LongestAlias} characters: a lowercase letter, then runs of a-z and 0-9 joined by single '.', '_' or '-'.");
        }

        return await Paging.PageAsync(after, limit, "leaf index", async (afterIndex, count) =>
            await proofs.ProveAsync(size, service, afterIndex, count, cancellationToken) switch
            {
                BatchInclusionAnswer.Proven proven => Results.Ok(proven.Batch),
                BatchInclusionAnswer.NotAnAnchoredSize => Parameters.Invalid(nameof(treeSize), $"treeSize {size} is not the size of an anchored checkpoint."),
                var other => throw new InvalidOperationException($"Unhandled answer {other}."),
            });
    }
}
