using Npgsql;

namespace CityServices.Ledger.Log.Storage;

/// <summary>Reports the tree size the log holds at start, so the gauge is right before the first batch arrives.</summary>
internal sealed class TreeSizeAtStart(NpgsqlDataSource dataSource, LedgerMetrics metrics) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var head = dataSource.CreateCommand("select tree_size from ledger.head where id = 1");
        metrics.TreeSizeSeen((long)(await head.ExecuteScalarAsync(cancellationToken))!);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
