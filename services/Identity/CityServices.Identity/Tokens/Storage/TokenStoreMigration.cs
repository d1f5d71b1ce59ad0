using CityServices.ServiceDefaults.Schema;
using Npgsql;

namespace CityServices.Identity.Tokens.Storage;

/// <summary>The token server's tables as a schema part: created by <c>--migrate</c>, or at start while <c>Schema:ApplyOnStart</c> is true.</summary>
internal sealed class TokenStoreMigration(NpgsqlDataSource dataSource, IServiceScopeFactory scopes) : ISchemaMigration
{
    public string Describes => "the token server's tables";

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        await TokenStoreSchema.EnsureCreatedAsync(connection, scope.ServiceProvider.GetRequiredService<TokenDbContext>(), cancellationToken);
    }

    public async Task<SchemaCheck> CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await TokenStoreSchema.FindMissingAsync(connection, cancellationToken) is { } missing
            ? new SchemaCheck(SchemaState.Missing, missing)
            : SchemaCheck.InPlace;
    }
}
