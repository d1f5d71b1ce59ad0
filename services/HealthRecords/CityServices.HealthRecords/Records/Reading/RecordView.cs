using System.Text;
using CityServices.HealthRecords.Encryption;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Paging;
using Microsoft.AspNetCore.Http;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary>
/// A record as returned to a reader: entries decrypted, or marked erased once the patient's key is gone.
/// Its entries are paged, oldest first (<c>limit</c>, <c>cursor</c>, <c>Link rel="next"</c>); each page is a read of its own, logged.
/// </summary>
public sealed record RecordView(
    Guid PatientId, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, DateTimeOffset? ErasedAt, bool Erased, IReadOnlyList<EntryView> Entries)
{
    public static RecordView From(LoggedRead read, PageRequest page, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(page);
        var record = read.Record;
        return new RecordView(record.Id, record.OpenedAt, record.ClosedAt, record.ErasedAt, record.IsErased,
            [.. page.Answer(record.Entries, http).Select(entry => EntryView.From(record, entry, read.Key))]);
    }
}

/// <summary>One entry; after an erasure <c>code</c>, <c>content</c> and <c>emergencyReason</c> are null and <c>contentErased</c> is true.</summary>
public sealed record EntryView(
    Guid Id,
    EntryKind Kind,
    string? Code,
    string? Content,
    bool ContentErased,
    Guid AuthorId,
    string AuthorRole,
    AccessPurpose Basis,
    bool FlaggedEmergency,
    string? EmergencyReason,
    DateTimeOffset AddedAt)
{
    public static EntryView From(PatientRecord record, StoredEntry entry, DataKey? key)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(entry);
        if (key is null && !record.IsErased)
        {
            throw new InvalidOperationException($"The data key of patient {record.Id} is missing although the record was never erased.");
        }

        var content = key is null ? null : EntryContent.Open(key, record.Id, entry);
        var reason = key is null || entry.SealedEmergencyReason is null
            ? null
            : Encoding.UTF8.GetString(key.Open(entry.SealedEmergencyReason, SealedData.EntryEmergencyReason(record.Id, entry.Id)));
        return new EntryView(entry.Id, entry.Kind, content?.Code, content?.Content, key is null, entry.AuthorId, entry.AuthorRole,
            entry.Basis, entry.Basis == AccessPurpose.Emergency, reason, entry.AddedAt);
    }
}
