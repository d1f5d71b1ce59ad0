using System.Text.RegularExpressions;

namespace CityServices.Ledger.Log;

/// <summary>
/// The leaf record's service alias rule (docs/leaf-record.md), as LeafRecord enforces it: what ingest
/// accepts as a leaf's service is exactly what the API accepts as a service to list.
/// </summary>
internal static partial class ServiceAlias
{
    public const int LongestAlias = 128;

    public static bool IsValid(string? value) => value is { Length: > 0 and <= LongestAlias } && Alias().IsMatch(value);

    // \A and \z, not ^ and $: "$" would also match before a final newline.
    [GeneratedRegex(@"\A[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Alias();
}
