using Microsoft.EntityFrameworkCore;

namespace CityServices.Identity.Tokens.Storage;

/// <summary>OpenIddict's applications, authorizations, scopes and tokens, in their own schema of the service's database.</summary>
public sealed class TokenDbContext(DbContextOptions<TokenDbContext> options) : DbContext(options)
{
    public const string Schema = "openiddict";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        base.OnModelCreating(modelBuilder);
    }
}
