using CityServices.EventPipeline.Catalog;
using CityServices.Revocation;
using CityServices.Revocation.Bootstrap;
using Marten;
using Marten.Events;
using Published = CityServices.Contracts.Identity;

namespace CityServices.Identity.Tokens.Revocations;

/// <summary>
/// The revocation list, read from identity's own events: card suspensions, revocations and
/// reinstatements and staff roles withdrawn in the last <see cref="RevokedCredentials.Retention"/>
/// (the longest person token plus the clock skew). Older ones cannot refuse a live token any more,
/// and a card still suspended since then cannot sign in, so the list stays small however old the
/// registry grows. Entries are the integration events as published, so a process learns exactly
/// what the live feed would have told it. Identity's own view reads it in-process.
/// </summary>
public sealed class RevocationListQuery(IDocumentStore store, EventCatalog catalog, TimeProvider clock, IServiceProvider services) : IRevocationSource
{
    // The stored names are a public format that never changes; the CLR types behind them may move.
    private static readonly string[] Aliases =
        ["identity.card_suspended", "identity.card_revoked", "identity.card_reinstated", "identity.staff_role_withdrawn"];

    private readonly Type[] _types = [.. catalog.Registrations.Where(r => Aliases.Contains(r.Alias)).Select(r => r.EventType)];

    public async Task<RevocationListPage> ReadAsync(long after, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, RevocationListPage.MaxLimit);
        var since = clock.GetUtcNow() - RevokedCredentials.Retention;
        await using var session = store.QuerySession();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Sequence > after && e.Timestamp >= since && e.EventTypesAre(_types))
            .OrderBy(e => e.Sequence)
            .Take(limit)
            .ToListAsync(ct);
        var entries = new List<RevocationEntry>(events.Count);
        foreach (var stored in events)
        {
            entries.Add(Entry(stored.Sequence, await catalog.ToIntegrationEventAsync(stored, services, session, ct)));
        }

        return new RevocationListPage(entries, entries.Count == limit ? entries[^1].Sequence : null);
    }

    private static RevocationEntry Entry(long sequence, object? published) => published switch
    {
        Published.CitizenCardSuspended e => new(sequence, RevocationKind.CardStopped, e.SuspendedAt, CardId: e.CardId),
        Published.CitizenCardRevoked e => new(sequence, RevocationKind.CardStopped, e.RevokedAt, CardId: e.CardId),
        Published.CitizenCardReinstated e => new(sequence, RevocationKind.CardReinstated, e.ReinstatedAt, CardId: e.CardId),
        Published.StaffRoleWithdrawn e => new(sequence, RevocationKind.RoleWithdrawn, e.WithdrawnAt, CitizenId: e.CitizenId, Department: e.Department, Role: e.Role),
        _ => throw new InvalidOperationException($"Event {sequence} is not published as a revocation; the alias table and the catalog disagree."),
    };
}
