using System.Text.Json.Serialization;

namespace CityServices.Revocation.Bootstrap;

/// <summary>
/// Identity's answer to <c>GET /internal/revocations?after=&amp;limit=</c>: the card stops and
/// reinstatements and the staff roles withdrawn that can still refuse a live token (those of the
/// last <see cref="RevokedCredentials.Retention"/>), in the order identity stored them.
/// </summary>
/// <param name="Revocations">One page, oldest first.</param>
/// <param name="Next">The <c>after</c> of the next page, or null when this page was the last.</param>
public sealed record RevocationListPage(IReadOnlyList<RevocationEntry> Revocations, long? Next)
{
    /// <summary>The route on identity's own port. Not under <c>/api</c>: the gateway never routes it (docs/identity.md).</summary>
    public const string Path = "/internal/revocations";

    /// <summary>The most entries one page holds, and the default.</summary>
    public const int MaxLimit = 1000;
}

/// <summary>One of identity's events as <see cref="RevokedCredentials"/> takes it.</summary>
/// <param name="Sequence">Identity's event sequence number: the page cursor.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When it happened (the event's own time).</param>
/// <param name="CardId">The card, for the card kinds.</param>
/// <param name="CitizenId">The staff member, for <see cref="RevocationKind.RoleWithdrawn"/>.</param>
/// <param name="Department">The department of the withdrawn role.</param>
/// <param name="Role">The withdrawn role.</param>
public sealed record RevocationEntry(
    long Sequence, RevocationKind Kind, DateTimeOffset At,
    Guid? CardId = null, Guid? CitizenId = null, string? Department = null, string? Role = null)
{
    /// <summary>Gives <paramref name="revoked"/> what the live feed would have given it.</summary>
    public void ApplyTo(RevokedCredentials revoked)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        switch (this)
        {
            case { Kind: RevocationKind.CardStopped, CardId: { } card }:
                revoked.CardStopped(card, At);
                break;
            case { Kind: RevocationKind.CardReinstated, CardId: { } card }:
                revoked.CardReinstated(card, At);
                break;
            case { Kind: RevocationKind.RoleWithdrawn, CitizenId: { } citizen, Department: { } department, Role: { } role }:
                revoked.RoleWithdrawn(citizen, department, role, At);
                break;
            default:
                throw new FormatException($"Revocation entry {Sequence} ({Kind}) lacks the fields its kind needs.");
        }
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<RevocationKind>))]
public enum RevocationKind
{
    /// <summary>A card was suspended or revoked (also on replacement and death).</summary>
    CardStopped,

    /// <summary>A suspended card was reinstated.</summary>
    CardReinstated,

    /// <summary>A staff role was withdrawn.</summary>
    RoleWithdrawn,
}
