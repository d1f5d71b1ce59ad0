namespace CityServices.HealthRecords.Encryption;

/// <summary>
/// The associated data each sealed value of a patient's stream is bound to: its purpose, the patient
/// and the item (the data key's own wrapping is bound in CityServices.PersonalData's MasterKey).
/// Part of the stored format (changing a string makes old values unreadable), hence versioned.
/// </summary>
public static class SealedData
{
    public static string EntryContent(Guid patientId, Guid entryId) => $"health-records/entry/v1/{patientId:D}/{entryId:D}";

    public static string EntryEmergencyReason(Guid patientId, Guid entryId) => $"health-records/entry-emergency-reason/v1/{patientId:D}/{entryId:D}";

    public static string AccessReason(Guid patientId, Guid accessId) => $"health-records/access-reason/v1/{patientId:D}/{accessId:D}";
}
