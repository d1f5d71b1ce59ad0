using CityServices.Audit.Output;
using CityServices.Hashing;

namespace CityServices.Audit.Commands;

/// <summary>Hashes as auditors type them: lowercase or uppercase hex, lists separated by commas.</summary>
internal static class HashArguments
{
    public static byte[] Hash(string? hex, string option)
    {
        try
        {
            return Hex.DecodeHash(hex ?? "");
        }
        catch (FormatException e)
        {
            throw new AuditInputException($"{option}: '{hex}' is not a SHA-256 hash (64 hex digits). {e.Message}", e);
        }
    }

    /// <summary>An empty text is the empty list: a tree of one leaf has an empty audit path.</summary>
    public static IReadOnlyList<byte[]?> List(string? hexList, string option) =>
        string.IsNullOrWhiteSpace(hexList)
            ? []
            : [.. hexList.Split(',', StringSplitOptions.TrimEntries).Select(hex => Hash(hex, option))];
}
