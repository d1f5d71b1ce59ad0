using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityServices.ServiceDefaults;

/// <summary>
/// The rules data annotations cannot express: they depend on the environment, or on two settings
/// together. Checked at start, where the JWT handler would only complain at the first request.
/// </summary>
internal sealed class ServiceAuthenticationOptionsValidator(IHostEnvironment environment) : IValidateOptions<ServiceAuthenticationOptions>
{
    private const string Section = ServiceAuthenticationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ServiceAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.RequireHttpsMetadata && !environment.IsDevelopment())
        {
            failures.Add($"{Section}:RequireHttpsMetadata: may be false only in the Development environment, not in {environment.EnvironmentName}.");
        }

        if (options.RequireHttpsMetadata && options.Authority is { IsAbsoluteUri: true, Scheme: "http" })
        {
            failures.Add($"{Section}:Authority: an http authority needs {Section}:RequireHttpsMetadata = false (Development only).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
