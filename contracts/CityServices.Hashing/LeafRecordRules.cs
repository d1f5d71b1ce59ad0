using System.Text.RegularExpressions;

namespace CityServices.Hashing;

/// <summary>
/// What a valid leaf record field is. Each rule returns the problem as a phrase that completes
/// "{field} …", or null when the value is fine, so the constructor (ArgumentException) and the
/// parser (FormatException) report the same rule in the same words.
/// </summary>
internal static partial class LeafRecordRules
{
    public const int LongestAlias = 128;

    /// <summary>2^53: counters above it would not survive RFC 8785 canonicalization as exact integers.</summary>
    public const long LargestCounter = 1L << 53;

    /// <summary>UTC, exactly six fractional digits: PostgreSQL keeps microseconds, and a fixed width keeps one spelling per instant.</summary>
    public const string TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    public static string? AliasProblem(string value) =>
        value.Length <= LongestAlias && Alias().IsMatch(value)
            ? null
            : $"must be a lowercase alias of at most {LongestAlias} characters: a letter, then runs of a-z and 0-9 joined by single '.', '_' or '-' (such as 'health-records' or 'health.record_entry_added'); got '{value}'";

    public static string? StreamIdProblem(string value) =>
        value.Length == 0 ? "must not be empty"
        : IsWellFormedUtf16(value) ? null
        : "must be well-formed Unicode; it holds a lone surrogate, which JSON cannot carry";

    public static string? CounterProblem(long value) =>
        value is >= 1 and <= LargestCounter ? null : $"must be between 1 and 2^53 ({LargestCounter}); got {value}";

    public static string? EventIdProblem(Guid value) =>
        value == Guid.Empty ? "must not be the empty GUID" : null;

    public static string? RecordedAtProblem(DateTimeOffset value) =>
        value.UtcTicks % TimeSpan.TicksPerMicrosecond == 0
            ? null
            : $"must have at most microsecond precision, as PostgreSQL stores it, or the stored event would hash differently; got {value.UtcDateTime:O} (truncate or round it before storing)";

    public static string? DataSha256Problem(string value) =>
        value.Length == 64 && value.All(char.IsAsciiHexDigitLower) ? null : $"must be 64 lowercase hex digits (a SHA-256); got '{value}'";

    /// <summary>The value if the rule accepts it; otherwise an ArgumentException naming the property.</summary>
    public static T Require<T>(T value, Func<T, string?> rule, string property)
    {
        ArgumentNullException.ThrowIfNull(value, property);
        return rule(value) is { } problem ? throw new ArgumentException($"{property} {problem}.", property) : value;
    }

    private static bool IsWellFormedUtf16(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"\A[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*\z")]
    private static partial Regex Alias();
}
