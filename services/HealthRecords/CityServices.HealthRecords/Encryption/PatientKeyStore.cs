using System.Security.Cryptography;
using Marten;

namespace CityServices.HealthRecords.Encryption;

/// <summary>
/// A patient's data key as the service keeps it: a Marten document in the service's own database,
/// wrapped by the master key, never in the event stream. Deleting the row is the erasure
/// (crypto-shredding): every sealed value in the events becomes unreadable, and stays hashed.
/// </summary>
public sealed record PatientDataKey(Guid Id, string WrappedKey, DateTimeOffset CreatedAt);

/// <summary>Creates and unwraps patients' data keys inside the caller's Marten session, so key and events commit together.</summary>
public sealed class PatientKeyStore(MasterKey master)
{
    /// <summary>Stages a new random data key for the patient in <paramref name="session"/>.</summary>
    public void CreateKey(IDocumentSession session, Guid patientId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var key = RandomNumberGenerator.GetBytes(AesGcmEnvelope.KeyLength);
        session.Insert(new PatientDataKey(patientId, master.Wrap(patientId, key), now));
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>The patient's data key, or null when there is none (erased, or the record does not exist).</summary>
    public async Task<DataKey?> FindAsync(IQuerySession session, Guid patientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var stored = await session.LoadAsync<PatientDataKey>(patientId, ct);
        return stored is null ? null : new DataKey(master.Unwrap(patientId, stored.WrappedKey));
    }

    /// <summary>Stages the destruction of the patient's data key in <paramref name="session"/>.</summary>
    public static void DestroyKey(IDocumentSession session, Guid patientId)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Delete<PatientDataKey>(patientId);
    }
}
