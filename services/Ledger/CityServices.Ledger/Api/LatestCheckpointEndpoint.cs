using CityServices.Ledger.Proofs;

namespace CityServices.Ledger.Api;

/// <summary><c>GET /api/ledger/checkpoints/latest</c>: the newest tree head, anchored or not.</summary>
public static class LatestCheckpointEndpoint
{
    public static RouteGroupBuilder MapLatestCheckpoint(this RouteGroupBuilder api)
    {
        api.MapGet("/checkpoints/latest", async (AnchoredCheckpoints checkpoints, CancellationToken cancellationToken) =>
                await checkpoints.LatestCheckpointAsync(cancellationToken) is { } checkpoint
                    ? Results.Ok(checkpoint)
                    : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "The ledger has fixed no checkpoint yet."))
            .WithName("GetLatestCheckpoint")
            .WithSummary("The latest checkpoint (tree size and root), with its anchor once it is confirmed on chain.")
            .Produces<Checkpoint>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
