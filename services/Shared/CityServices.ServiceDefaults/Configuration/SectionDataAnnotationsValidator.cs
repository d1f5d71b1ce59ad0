using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Data-annotation validation whose messages name configuration keys (<c>Ledger:CheckpointInterval</c>)
/// rather than CLR members: the built-in <c>ValidateDataAnnotations</c> names only the member, which
/// leaves an operator guessing which section it came from.
/// </summary>
internal sealed class SectionDataAnnotationsValidator<TOptions>(string? optionsName, string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (optionsName is not null && optionsName != name)
        {
            return ValidateOptionsResult.Skip;
        }

        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Collect(options, section, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Collect(object instance, string path, List<string> failures)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var keys = result.MemberNames.Any()
                ? string.Join(", ", result.MemberNames.Select(member => $"{path}:{member}"))
                : path;
            failures.Add($"{keys}: {result.ErrorMessage}");
        }

        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<ValidateObjectMembersAttribute>() is not null
                && property.GetIndexParameters().Length == 0
                && property.GetValue(instance) is { } nested)
            {
                Collect(nested, $"{path}:{property.Name}", failures);
            }
        }
    }
}
