using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary>The <c>purpose</c> and <c>reason</c> a staff member states for a read, checked before anything is loaded.</summary>
public static class StaffReadPurpose
{
    public const int LongestReason = 1000;

    /// <exception cref="BadRequestException">The purpose is missing or unknown, or an emergency has no reason.</exception>
    public static (AccessPurpose Purpose, string? Reason) Parse(string? purpose, string? reason)
    {
        var parsed = purpose?.Trim() switch
        {
            "consent" => AccessPurpose.Consent,
            "emergency" => AccessPurpose.Emergency,
            _ => throw new BadRequestException("purpose must be 'consent' (the patient consented) or 'emergency' (break-glass, with a reason)."),
        };
        if (parsed != AccessPurpose.Emergency)
        {
            return (parsed, null);
        }

        var written = reason?.Trim();
        if (string.IsNullOrEmpty(written))
        {
            throw new BadRequestException("An emergency read needs a written reason: add reason=… to the query.");
        }

        return written.Length > LongestReason
            ? throw new BadRequestException($"reason may be at most {LongestReason} characters.")
            : (parsed, written);
    }
}
