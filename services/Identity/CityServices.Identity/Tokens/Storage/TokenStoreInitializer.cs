using CityServices.Identity.Tokens.Clients;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Server;

namespace CityServices.Identity.Tokens.Storage;

/// <summary>
/// At start, before the server takes requests: the token server's clients, in the tables its
/// schema part created (<see cref="TokenStoreMigration"/>). Under a PostgreSQL advisory lock, so
/// replicas starting together do it one after the other.
/// </summary>
public sealed class TokenStoreInitializer(
    NpgsqlDataSource dataSource, IServiceScopeFactory scopes, IOptionsMonitor<OpenIddictServerOptions> server) : IHostedService
{
    // An arbitrary constant, the same in every replica: pg_advisory_lock's key for this start-up step.
    private const long StartupLockKey = 0x1De7_0001_0000_0001;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        // OpenIddict checks its options at the first request; a misconfiguration should stop the start instead.
        _ = server.CurrentValue;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var acquire = new NpgsqlCommand("select pg_advisory_lock($1)", connection))
        {
            acquire.Parameters.Add(new NpgsqlParameter { Value = StartupLockKey });
            await acquire.ExecuteNonQueryAsync(ct);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ClientRegistry>().SynchroniseAsync(ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock($1)", connection);
            release.Parameters.Add(new NpgsqlParameter { Value = StartupLockKey });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
