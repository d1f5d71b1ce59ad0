using Npgsql;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// One anchoring writer among replicas: a PostgreSQL session advisory lock, held on a connection
/// kept open for as long as this replica leads. If that connection dies, PostgreSQL releases the
/// lock and another replica takes over at its next attempt; two writers would race for the
/// registry's growing tree size and waste gas.
/// </summary>
internal sealed class AnchoringLeadership(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private const long LockKey = 0x1ed6e5_a4c408;

    private NpgsqlConnection? _connection;

    /// <summary>True while this replica holds the lock; tries to take it when it does not.</summary>
    public async Task<bool> TryLeadAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            try
            {
                await using var ping = new NpgsqlCommand("select 1", _connection);
                await ping.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                await ReleaseAsync();
            }
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock($1)", connection))
        {
            take.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                _connection = connection;
                return true;
            }
        }

        await connection.DisposeAsync();
        return false;
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    private async Task ReleaseAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            // Closing would release it too, but a pooled connection may stay open behind the pool.
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock($1)", _connection);
            unlock.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey });
            await unlock.ExecuteScalarAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The session is gone, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
