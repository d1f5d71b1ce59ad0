using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CityServices.Identity.Citizens;

/// <summary>A birth date or date of death: not in the future, not before 1850.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PastDateAttribute() : ValidationAttribute("The field {0} must be a date (yyyy-mm-dd) between 1850-01-01 and today.")
{
    private static readonly DateOnly Earliest = new(1850, 1, 1);

    // The latest time zone on Earth is UTC+14: a date that is today somewhere is accepted.
    public override bool IsValid(object? value) => value is not DateOnly date
        || date >= Earliest && date <= DateOnly.FromDateTime(DateTime.UtcNow.AddHours(14));
}

/// <summary>A city district: lowercase words joined by hyphens, e.g. <c>da-an</c> or <c>kesklinn</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed partial class DistrictAttribute() : ValidationAttribute(
    "The field {0} must be a district: lowercase letters and digits, words joined by hyphens, at most 64 characters, e.g. da-an.")
{
    public override bool IsValid(object? value) => value is null || value is string text && text.Length <= 64 && Shape().IsMatch(text);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Shape();
}
