using System.Text.Json.Serialization;

namespace CityServices.HealthRecords.Records;

// The words of the record, spelled the same in stored events (a public, hashed format) and in
// the API: lowercase, hyphenated, frozen once events exist under them.

/// <summary>What an entry is. Nurses may add notes and lab results; doctors any kind.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EntryKind>))]
public enum EntryKind
{
    [JsonStringEnumMemberName("diagnosis")] Diagnosis,
    [JsonStringEnumMemberName("prescription")] Prescription,
    [JsonStringEnumMemberName("lab-result")] LabResult,
    [JsonStringEnumMemberName("note")] Note,
}

/// <summary>Why someone reads or writes a record: their own, under the patient's consent, or break-glass.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccessPurpose>))]
public enum AccessPurpose
{
    [JsonStringEnumMemberName("self")] Self,
    [JsonStringEnumMemberName("consent")] Consent,
    [JsonStringEnumMemberName("emergency")] Emergency,
}

/// <summary>Who a consent is given to: one staff member (by citizen id) or a whole care organisation (by name).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProviderKind>))]
public enum ProviderKind
{
    [JsonStringEnumMemberName("staff")] Staff,
    [JsonStringEnumMemberName("organisation")] Organisation,
}

/// <summary>What a consent allows; write includes read (a provider adds entries knowing the record).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentAccess>))]
public enum ConsentAccess
{
    [JsonStringEnumMemberName("read")] Read,
    [JsonStringEnumMemberName("write")] Write,
}

/// <summary>What was read: the whole record or one entry.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccessTarget>))]
public enum AccessTarget
{
    [JsonStringEnumMemberName("record")] Record,
    [JsonStringEnumMemberName("entry")] Entry,
}

/// <summary>What a refused attempt tried to do.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccessAction>))]
public enum AccessAction
{
    [JsonStringEnumMemberName("read")] Read,
    [JsonStringEnumMemberName("write")] Write,
}

/// <summary>The roles of the health-records department this service knows, and the patient's own.</summary>
public static class HealthRoles
{
    public const string Department = "health-records";
    public const string Doctor = "doctor";
    public const string Nurse = "nurse";
    public const string DataProtectionOfficer = "data-protection-officer";

    /// <summary>The role recorded when patients read their own record.</summary>
    public const string Patient = "patient";
}
