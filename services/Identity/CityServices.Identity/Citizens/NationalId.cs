using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace CityServices.Identity.Citizens;

/// <summary>
/// National ids as the registry keeps them: spaces and hyphens removed, letters upper-cased, then
/// 6 to 20 ASCII letters and digits (a Taiwanese id is one letter and nine digits, A123456789).
/// The normalised form is what must be unique.
/// </summary>
public static partial class NationalId
{
    public static string Normalise(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
    }

    public static bool IsValid(string? value) => value is not null && Shape().IsMatch(Normalise(value));

    [GeneratedRegex("^[A-Z0-9]{6,20}$")]
    private static partial Regex Shape();
}

/// <summary>The national id's format (<see cref="NationalId"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NationalIdAttribute() : ValidationAttribute(
    "The field {0} must be 6 to 20 letters and digits (spaces and hyphens are ignored), e.g. A123456789.")
{
    public override bool IsValid(object? value) => value is null || value is string text && NationalId.IsValid(text);
}

/// <summary>
/// Claims a national id for one citizen, by its keyed hash (<see cref="NationalIdIndex"/>), never
/// the id itself. Stored in the same transaction as the citizen's stream start: its primary key is
/// the registry's uniqueness guarantee, also between replicas and concurrent requests. An erasure
/// keeps the claim, so the id is never given to another person, but clears <c>CitizenId</c>: the
/// index no longer leads to the erased citizen's remaining events.
/// </summary>
public sealed record NationalIdClaim(string Id, Guid? CitizenId);
