using System.Text.Json;
using CityServices.HealthRecords.Encryption;
using CityServices.PersonalData;

namespace CityServices.HealthRecords.Records;

/// <summary>
/// The medical part of an entry, sealed as one value: the code (an ICD-10 or ATC code names a
/// diagnosis or a drug as plainly as the text does) and the text.
/// </summary>
public sealed record EntryContent(string Code, string Content)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Seal(DataKey key, Guid patientId, Guid entryId)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Seal(JsonSerializer.SerializeToUtf8Bytes(this, Json), SealedData.EntryContent(patientId, entryId));
    }

    public static EntryContent Open(DataKey key, Guid patientId, StoredEntry entry)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(entry);
        return JsonSerializer.Deserialize<EntryContent>(key.Open(entry.SealedContent, SealedData.EntryContent(patientId, entry.Id)), Json)
            ?? throw new InvalidOperationException($"Entry {entry.Id} of patient {patientId} holds no content.");
    }
}
