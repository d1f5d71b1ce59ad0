using CityServices.Ledger.Proofs;
using Microsoft.OpenApi;

namespace CityServices.Ledger.Api;

/// <summary><c>GET /api/ledger/consistency?first=M&amp;second=N</c>: the larger anchored tree extends the smaller.</summary>
public static class ConsistencyProofEndpoint
{
    public static RouteGroupBuilder MapConsistencyProof(this RouteGroupBuilder api)
    {
        api.MapRead<ConsistencyProof>("/consistency", GetAsync, "GetConsistencyProof",
                "A consistency proof between two anchored tree sizes, 0 < first <= second.")
            .Documents("first", JsonSchemaType.Integer, "int64", "The smaller anchored tree size, greater than 0.")
            .Documents("second", JsonSchemaType.Integer, "int64", "The larger anchored tree size, at least first.")
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> GetAsync(string? first, string? second, ConsistencyProofs proofs, CancellationToken cancellationToken)
    {
        if (!Parameters.TryReadCount(first, out var firstSize) || firstSize == 0)
        {
            return Parameters.Invalid(nameof(first), "first must be a positive integer: the smaller anchored tree size.");
        }

        if (!Parameters.TryReadCount(second, out var secondSize) || secondSize < firstSize)
        {
            return Parameters.Invalid(nameof(second), "second must be an integer at least first: the larger anchored tree size.");
        }

        return await proofs.ProveAsync(firstSize, secondSize, cancellationToken) switch
        {
            ConsistencyAnswer.Proven proven => Results.Ok(proven.Proof),
            ConsistencyAnswer.NotAnAnchoredSize missing => Parameters.Invalid(
                missing.Parameter, $"{missing.Parameter} {missing.TreeSize} is not the size of an anchored checkpoint."),
            var other => throw new InvalidOperationException($"Unhandled answer {other}."),
        };
    }
}
