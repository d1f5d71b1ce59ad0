using System.Globalization;
using CityServices.Ledger.Proofs;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace CityServices.Ledger.Api;

/// <summary><c>GET /api/ledger/events/{eventId}/proof[?treeSize=N]</c>: an event's inclusion proof against an anchored tree.</summary>
public static class InclusionProofEndpoint
{
    public static RouteGroupBuilder MapInclusionProof(this RouteGroupBuilder api)
    {
        api.MapRead<InclusionProof>("/events/{eventId}/proof", GetAsync, "GetInclusionProof",
                "An inclusion proof of the event's leaf hash against the latest anchored checkpoint, or the anchored one of size treeSize.")
            .Documents("eventId", JsonSchemaType.String, "uuid", "The event's id, as in its leaf record.")
            .Documents("treeSize", JsonSchemaType.Integer, "int64", "An anchored tree size; default: the latest anchored checkpoint.")
            .WithDescription("409 with Retry-After while no anchored checkpoint covers the event yet; 400 when treeSize is not an anchored size covering it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> GetAsync(
        string eventId, string? treeSize, InclusionProofs proofs, IOptions<LedgerApiOptions> options, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(eventId, "D", out var id))
        {
            return Parameters.Invalid(nameof(eventId), "eventId must be a GUID in the 8-4-4-4-12 form.");
        }

        long? size = null;
        if (treeSize is not null)
        {
            if (!Parameters.TryReadCount(treeSize, out var parsed) || parsed == 0)
            {
                return Parameters.Invalid(nameof(treeSize), "treeSize must be a positive integer: the size of an anchored checkpoint.");
            }

            size = parsed;
        }

        switch (await proofs.ProveAsync(id, size, cancellationToken))
        {
            case InclusionAnswer.Proven proven:
                return Results.Ok(proven.Proof);
            case InclusionAnswer.UnknownEvent:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"The ledger holds no event {id}.");
            case InclusionAnswer.NotAnAnchoredSize:
                return Parameters.Invalid(nameof(treeSize), $"treeSize {size} is not the size of an anchored checkpoint.");
            case InclusionAnswer.SizeExcludesLeaf excluded:
                return Parameters.Invalid(nameof(treeSize),
                    $"The anchored tree of size {size} ends before the event's leaf {excluded.LeafIndex}; ask for a larger anchored size.");
            case InclusionAnswer.NotYetAnchored:
                var retryAfter = (long)options.Value.Proofs.RetryAfter.TotalSeconds;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not anchored yet",
                    detail: $"Event {id} is in the log, but no anchored checkpoint covers it yet; retry after {retryAfter} s.");
            case var other:
                throw new InvalidOperationException($"Unhandled answer {other}.");
        }
    }
}
