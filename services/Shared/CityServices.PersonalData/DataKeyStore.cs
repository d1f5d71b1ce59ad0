using System.Security.Cryptography;
using Marten;

namespace CityServices.PersonalData;

/// <summary>
/// A person's data key as the service keeps it: a Marten document in the service's own database,
/// wrapped by the master key, never in the event stream. Deleting the row is the erasure
/// (crypto-shredding): every sealed value in the events becomes unreadable, and stays hashed.
/// </summary>
public sealed record SubjectDataKey(Guid Id, string WrappedKey, DateTimeOffset CreatedAt);

/// <summary>Creates and unwraps people's data keys inside the caller's Marten session, so key and events commit together.</summary>
public sealed class DataKeyStore(MasterKey master)
{
    /// <summary>Stages a new random data key for the person in <paramref name="session"/> and returns it for sealing.</summary>
    public DataKey CreateKey(IDocumentSession session, Guid subjectId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        var key = RandomNumberGenerator.GetBytes(AesGcmEnvelope.KeyLength);
        session.Insert(new SubjectDataKey(subjectId, master.Wrap(subjectId, key), now));
        return new DataKey(key);
    }

    /// <summary>The person's data key, or null when there is none (erased, or never created).</summary>
    public async Task<DataKey?> FindAsync(IQuerySession session, Guid subjectId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        var stored = await session.LoadAsync<SubjectDataKey>(subjectId, ct);
        return stored is null ? null : new DataKey(master.Unwrap(subjectId, stored.WrappedKey));
    }

    /// <summary>Stages the destruction of the person's data key in <paramref name="session"/>.</summary>
    public static void DestroyKey(IDocumentSession session, Guid subjectId)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Delete<SubjectDataKey>(subjectId);
    }
}
