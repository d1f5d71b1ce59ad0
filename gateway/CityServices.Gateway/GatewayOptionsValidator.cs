using Microsoft.Extensions.Options;

namespace CityServices.Gateway;

/// <summary>The rules data annotations cannot express, checked at start so a bad setting stops the gateway with its name.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    // YARP reads these two AuthorizationPolicy values itself; a policy of that name would never be used.
    private static readonly string[] ReservedPolicyNames = ["default", "anonymous"];

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (policy, scopes) in options.ScopePolicies)
        {
            var key = $"{GatewayOptions.Section}:ScopePolicies:{policy}";
            if (ReservedPolicyNames.Contains(policy, StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{key}: '{policy}' is reserved by YARP; choose another policy name.");
            }

            if (scopes.Count == 0 || scopes.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{key}: list at least one scope, and no empty ones.");
            }
        }

        foreach (var origin in options.Cors.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/")
            {
                failures.Add($"{GatewayOptions.Section}:Cors:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port], no path; '*' is not allowed).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
