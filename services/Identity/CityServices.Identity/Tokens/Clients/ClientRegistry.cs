using System.Text.Json;
using CityServices.Identity.Tokens.CardSignIn;
using CityServices.ServiceDefaults;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CityServices.Identity.Tokens.Clients;

/// <summary>
/// Makes OpenIddict's application store match configuration: every configured confidential client
/// (created, or updated so a rotated secret or changed scope takes effect) and the built-in public
/// client of the card sign-in. Clients removed from configuration are left alone, so an operator
/// can retire one deliberately (delete its row) rather than by a typo.
/// </summary>
public sealed partial class ClientRegistry(
    IOpenIddictApplicationManager applications, IOptions<ClientOptions> options, ILogger<ClientRegistry> logger)
{
    /// <summary>The application property that names a client's department.</summary>
    public const string DepartmentProperty = "department";

    public async Task SynchroniseAsync(CancellationToken ct)
    {
        foreach (var (clientId, client) in options.Value.Clients)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = client.Secret,
                ClientType = ClientTypes.Confidential,
                DisplayName = client.Department is null ? clientId : $"{clientId} ({client.Department} department)",
            };
            descriptor.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials]);
            descriptor.Permissions.UnionWith(client.Scopes.Select(scope => Permissions.Prefixes.Scope + scope));
            if (client.Department is { } department)
            {
                descriptor.Properties[DepartmentProperty] = JsonSerializer.SerializeToElement(department);
            }

            await CreateOrUpdateAsync(descriptor, ct);
        }

        var citizen = new OpenIddictApplicationDescriptor
        {
            ClientId = CardGrant.PublicClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "Citizen-card sign-in (public client)",
        };
        citizen.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Prefixes.GrantType + CardGrant.GrantType]);
        // Staff may sign in for their department's scope; the grant checks they hold a role there.
        citizen.Permissions.UnionWith(ScopeTable.CardGrantable.Select(scope => Permissions.Prefixes.Scope + scope));
        await CreateOrUpdateAsync(citizen, ct);
    }

    private async Task CreateOrUpdateAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, ct);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, ct);
            LogCreated(logger, descriptor.ClientId!);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered client {ClientId}")]
    private static partial void LogCreated(ILogger logger, string clientId);
}
