using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityServices.ServiceDefaults;

/// <summary>Options that make a misconfigured service refuse to start.</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to the configuration <paramref name="section"/>, validates
    /// its data annotations and does so when the host starts, not at first use. Each failure names the
    /// full setting (<c>Ledger:CheckpointInterval: …</c>), so the operator knows what to fix.
    /// </summary>
    /// <remarks>
    /// Members of nested objects are validated too when the property carries
    /// <see cref="ValidateObjectMembersAttribute"/>; their settings are named with the full path.
    /// </remarks>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IHostApplicationBuilder builder, string section)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(section);

        builder.Services.AddSingleton<IValidateOptions<TOptions>>(
            new SectionDataAnnotationsValidator<TOptions>(Options.DefaultName, section));
        return builder.Services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateOnStart();
    }
}
