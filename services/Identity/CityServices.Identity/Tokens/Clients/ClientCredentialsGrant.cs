using System.Text.Json;
using CityServices.ServiceDefaults;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CityServices.Identity.Tokens.Clients;

/// <summary>
/// <c>client_credentials</c> for department systems and auditors. OpenIddict has already checked the
/// secret and that every requested scope is permitted; <see cref="ScopeTable"/> decides the scopes
/// (all it was configured with when none is asked for), and this the claims: <c>sub</c> and
/// <c>client_id</c> are the client id, <c>department</c> the department it speaks for (if any).
/// </summary>
public sealed class ClientCredentialsGrant(IOpenIddictApplicationManager applications, IOptions<TokenOptions> options)
{
    public async Task<IResult> HandleAsync(OpenIddictRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clientId = request.ClientId!;
        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null)
        {
            return TokenResults.Refuse(Errors.InvalidClient, "The client is not registered.");
        }

        var identity = TokenResults.NewIdentity();
        identity.SetClaim(CityClaims.Subject, clientId);
        identity.SetClaim(CityClaims.ClientId, clientId);
        var properties = await applications.GetPropertiesAsync(application, ct);
        if (properties.TryGetValue(ClientRegistry.DepartmentProperty, out var department) && department.ValueKind == JsonValueKind.String)
        {
            identity.SetClaim(CityClaims.Department, department.GetString());
        }

        var configured = (await applications.GetPermissionsAsync(application, ct))
            .Where(permission => permission.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(permission => permission[Permissions.Prefixes.Scope.Length..])
            .ToList();
        var scopes = ScopeTable.ForClient(request.Scope, configured);
        if (scopes.Refusal is { } refusal)
        {
            return TokenResults.Refuse(Errors.InvalidScope, refusal);
        }

        return TokenResults.Issue(identity, scopes.Granted, options.Value.ClientAccessTokenLifetime);
    }
}
