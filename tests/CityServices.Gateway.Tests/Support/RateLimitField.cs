using System.Globalization;
using System.Text.RegularExpressions;

namespace CityServices.Gateway.Tests.Support;

/// <summary>One member of a <c>RateLimit</c> field (draft-ietf-httpapi-ratelimit-headers-10): <c>"name";r=…;t=…</c>.</summary>
internal sealed partial record RateLimitField(long Remaining, long Reset)
{
    /// <summary>Every member, by policy name; a member out of the draft's shape fails the test.</summary>
    public static Dictionary<string, RateLimitField> Parse(string field) => field.Split(", ").Select(member =>
    {
        var match = Member().Match(member);
        Assert.True(match.Success, $"'{member}' is not \"name\";r=<int>;t=<int>");
        return (match.Groups["name"].Value, new RateLimitField(
            long.Parse(match.Groups["r"].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture)));
    }).ToDictionary(pair => pair.Item1, pair => pair.Item2);

    [GeneratedRegex("""^"(?<name>[a-z-]+)";r=(?<r>[0-9]+);t=(?<t>[0-9]+)$""")]
    private static partial Regex Member();
}
