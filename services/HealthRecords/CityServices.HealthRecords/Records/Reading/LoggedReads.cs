using System.Text;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Encryption;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Problems;
using JasperFx;
using Marten;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary>A read that was allowed and is on record; only now may its data be decrypted and returned.</summary>
public sealed record LoggedRead(PatientRecord Record, DataKey? Key, long Version, RecordAccessed Access);

/// <summary>
/// Every read of a record or an entry goes through here: the access (or the refusal) is appended
/// to the patient's stream at the version whose consents were checked, and committed, before any
/// data is decrypted. If the commit fails, the caller gets an error and no data. A consent revoked
/// between the check and the commit makes the commit conflict, and the read is decided again.
/// </summary>
public sealed class LoggedReads(IDocumentStore store, DataKeyStore keys, TimeProvider clock)
{
    private const int Attempts = 5;

    /// <exception cref="NotFoundException">The patient has no record, or the entry does not exist.</exception>
    /// <exception cref="ForbiddenException">Refused; the refusal is on record.</exception>
    /// <exception cref="ConflictException">The record kept changing under the read.</exception>
    public async Task<LoggedRead> ReadAsync(Guid patientId, Reader reader, ReadRequest request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stream = await session.Events.FetchForWriting<PatientRecord>(patientId, ct);
            var record = stream.Aggregate ?? throw new NotFoundException($"There is no health record for patient {patientId}.");
            var key = await keys.FindAsync(session, patientId, ct);
            var accessId = Guid.CreateVersion7();
            // After an erasure there is no key to seal a reason with, and nothing medical left to read.
            var sealedReason = request.Reason is { } reason && key is not null
                ? key.Seal(Encoding.UTF8.GetBytes(reason), SealedData.AccessReason(patientId, accessId))
                : null;

            var decided = ReadDecision.Decide(record, reader, request, accessId, sealedReason, clock.GetUtcNow());
            stream.AppendOne(decided);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (ConcurrencyException) when (attempt < Attempts)
            {
                continue;
            }
            catch (ConcurrencyException)
            {
                throw new ConflictException($"The record of patient {patientId} kept changing during the read; retry it.");
            }

            return decided switch
            {
                RecordAccessed access => new LoggedRead(record, key, (stream.StartingVersion ?? 0) + 1, access),
                AccessDenied denied => throw new ForbiddenException(
                    $"No consent of patient {patientId} lets you read their record ({denied.Refusal}); the attempt is logged. In an emergency, read with purpose=emergency and a reason."),
                _ => throw new InvalidOperationException($"Unexpected decision {decided.GetType().Name}."),
            };
        }
    }
}
