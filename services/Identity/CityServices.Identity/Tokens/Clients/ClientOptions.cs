using CityServices.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace CityServices.Identity.Tokens.Clients;

/// <summary>
/// The confidential clients (department systems, auditors) the token server knows, keyed by client
/// id (section <c>Identity:Clients</c>). Synchronised into OpenIddict's store at start, so a rotated
/// secret takes effect on the next deployment. The public <c>city-citizen</c> client is built in.
/// </summary>
public sealed class ClientOptions
{
    public const string Section = "Identity";

    public Dictionary<string, ConfiguredClient> Clients { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One client: its secret (from a secret store outside Development), scopes and department.</summary>
public sealed class ConfiguredClient
{
    public string? Secret { get; set; }

    /// <summary>The scopes it may ask for (docs/architecture.md, "Public API shape"): a department's, <c>audit</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>The department it speaks for (its department scope), put in its tokens' <c>department</c> claim; none for an auditor.</summary>
    public string? Department { get; set; }
}

internal sealed class ClientOptionsValidator : IValidateOptions<ClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var grantable = ScopeTable.ClientGrantable;
        foreach (var (clientId, client) in options.Clients)
        {
            var key = $"Identity:Clients:{clientId}";
            if (clientId == CardSignIn.CardGrant.PublicClientId)
            {
                failures.Add($"{key}: {clientId} is the built-in public client of the card sign-in; choose another client id.");
            }

            if (string.IsNullOrWhiteSpace(client.Secret) || client.Secret.Length < 16)
            {
                failures.Add($"{key}:Secret: required, at least 16 characters.");
            }

            if (client.Scopes.Count == 0 || client.Scopes.Any(scope => !grantable.Contains(scope, StringComparer.Ordinal)))
            {
                failures.Add($"{key}:Scopes: one or more of {string.Join(", ", grantable)}.");
            }

            if (client.Department is { } department && (!CityScopes.Departments.Contains(department, StringComparer.Ordinal) || !client.Scopes.Contains(department)))
            {
                failures.Add($"{key}:Department: a department scope ({string.Join(", ", CityScopes.Departments)}) that is also among its Scopes.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
