using CityServices.Ledger.Proofs;

namespace CityServices.Ledger.Api;

/// <summary><c>GET /api/ledger/checkpoints/latest</c>: the newest tree head, anchored or not.</summary>
public static class LatestCheckpointEndpoint
{
    public static RouteGroupBuilder MapLatestCheckpoint(this RouteGroupBuilder api)
    {
        api.MapRead<Checkpoint>("/checkpoints/latest", GetAsync, "GetLatestCheckpoint",
                "The latest checkpoint (tree size and root), with its anchor once it is confirmed on chain.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetAsync(AnchoredCheckpoints checkpoints, CancellationToken cancellationToken) =>
        await checkpoints.LatestCheckpointAsync(cancellationToken) is { } checkpoint
            ? Results.Ok(checkpoint)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "The ledger has fixed no checkpoint yet.");
}
