namespace CityServices.Revocation.Bootstrap;

/// <summary>Where a process reads identity's revocation list from: identity over HTTP, or identity itself in-process.</summary>
public interface IRevocationSource
{
    /// <summary>The page of entries after sequence <paramref name="after"/>, at most <paramref name="limit"/> of them.</summary>
    Task<RevocationListPage> ReadAsync(long after, int limit, CancellationToken ct);
}
