using System.Globalization;

namespace CityServices.Hashing.Tests;

/// <summary>Reads the vector files copied next to the tests (see Vectors/README.md).</summary>
internal static class VectorFiles
{
    public static string Directory(string relativePath) => Path.Combine(AppContext.BaseDirectory, "Vectors", relativePath);

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Directory(relativePath));

    public static string Text(string relativePath) => Encoding.UTF8.GetString(Bytes(relativePath));

    /// <summary>The rows of a small CSV without quoting, header skipped.</summary>
    public static IEnumerable<string[]> CsvRows(string relativePath) =>
        File.ReadAllLines(Directory(relativePath)).Skip(1).Where(line => line.Length > 0).Select(line => line.Split(','));

    /// <summary>
    /// JSON text for the double with the given IEEE-754 bits, in exponent form with 18 significant
    /// digits: exact, and never spelled like the canonical form it is compared with.
    /// </summary>
    public static byte[] JsonNumberFromIeee754(string hexBits)
    {
        var value = BitConverter.UInt64BitsToDouble(ulong.Parse(hexBits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return Encoding.UTF8.GetBytes(value.ToString("E17", CultureInfo.InvariantCulture));
    }
}
