using Microsoft.Extensions.Options;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// Every <c>Ledger:CheckpointInterval</c>: fix a checkpoint when the log has grown, then anchor
/// whatever is pending. Nothing here stops the service: while the chain or the database is away,
/// checkpoints wait (or the log waits for a checkpoint) and the next cycle picks them up.
/// </summary>
internal sealed partial class AnchoringWorker(
    AnchoringLeadership leadership,
    CheckpointWriter checkpoints,
    RegistryResolver registries,
    CheckpointAnchorer anchorer,
    AnchorStore store,
    AnchoringMetrics metrics,
    IOptions<AnchoringOptions> options,
    TimeProvider time,
    ILogger<AnchoringWorker> logger) : BackgroundService
{
    private readonly AnchoringOptions _options = options.Value;
    private string? _contract;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var _ = leadership;
        while (!stoppingToken.IsCancellationRequested)
        {
            var again = false;
            try
            {
                if (await leadership.TryLeadAsync(stoppingToken))
                {
                    again = await RunCycleAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (AnchoringHaltedException e)
            {
                _contract = null;
                LogHalted(e.Message);
            }
            catch (Exception e)
            {
                // Resolve the registry again next time: its checks name the cause if the chain was reset.
                _contract = null;
                LogCycleFailed(e, e.Message);
            }

            if (!again)
            {
                await DelayAsync(stoppingToken);
            }
        }
    }

    private async Task<bool> RunCycleAsync(CancellationToken cancellationToken)
    {
        // The checkpoint needs only the database: it is fixed on time even while the chain is down.
        if (await checkpoints.FixAsync(cancellationToken) is { } fixedCheckpoint)
        {
            LogCheckpoint(fixedCheckpoint.TreeSize, Convert.ToHexStringLower(fixedCheckpoint.RootHash));
        }

        try
        {
            _contract ??= await registries.ResolveAsync(cancellationToken);
            return await anchorer.AnchorPendingAsync(_contract, cancellationToken);
        }
        finally
        {
            await ReportLagAsync(cancellationToken);
        }
    }

    private async Task ReportLagAsync(CancellationToken cancellationToken)
    {
        var (treeSize, anchoredSize, oldest) = await store.LagAsync(cancellationToken);
        metrics.Lag(oldest is { } since ? time.GetUtcNow() - since : TimeSpan.Zero, treeSize - anchoredSize);
    }

    private async Task DelayAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(_options.CheckpointInterval, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(LogLevel.Information, "Fixed checkpoint: tree size {TreeSize}, root {RootHash}")]
    private partial void LogCheckpoint(long treeSize, string rootHash);

    [LoggerMessage(LogLevel.Warning, "Anchoring cycle failed, retrying in the next one: {Reason}")]
    private partial void LogCycleFailed(Exception exception, string reason);

    [LoggerMessage(LogLevel.Error, "Anchoring halted until an operator acts: {Reason}")]
    private partial void LogHalted(string reason);
}
