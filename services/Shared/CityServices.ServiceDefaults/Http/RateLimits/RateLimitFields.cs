using System.Globalization;

namespace CityServices.ServiceDefaults;

/// <summary>
/// The <c>RateLimit-Policy</c> and <c>RateLimit</c> response fields of
/// draft-ietf-httpapi-ratelimit-headers-10: Structured Field lists with one member per quota that
/// applied, <c>"per-client";q=50;w=1</c> (quota, window in seconds) and
/// <c>"per-client";r=49;t=1</c> (requests left, seconds until the window ends).
/// </summary>
internal static class RateLimitFields
{
    public const string Policy = "RateLimit-Policy";

    public const string Current = "RateLimit";

    public static string PolicyOf(IEnumerable<QuotaOutcome> outcomes) => string.Join(", ", outcomes.Select(outcome =>
        string.Create(CultureInfo.InvariantCulture, $"\"{outcome.Quota.Name}\";q={outcome.Quota.Quota};w={WindowSeconds(outcome.Quota)}")));

    public static string CurrentOf(IEnumerable<QuotaOutcome> outcomes) => string.Join(", ", outcomes.Select(outcome =>
        string.Create(CultureInfo.InvariantCulture, $"\"{outcome.Quota.Name}\";r={outcome.Remaining};t={outcome.ResetSeconds}")));

    private static long WindowSeconds(IRequestQuota quota) => Math.Max(1, (long)Math.Ceiling(quota.Window.TotalSeconds));
}
