using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using CityServices.ServiceDefaults;

namespace CityServices.Revocation;

/// <summary>
/// What this process knows of cards that stopped working and staff roles withdrawn, from identity's
/// events. A token is refused when it was issued before its card was suspended or revoked (or while
/// the card is out of use), or carries a role withdrawn after it was issued.
/// </summary>
/// <remarks>
/// <c>iat</c> has whole seconds, so every cut-off is rounded up to the next second: a token issued
/// in the same second as a suspension is refused (the safe side), and the holder signs in again.
/// An entry is forgotten once every token it could refuse has expired: the longest person token
/// plus the clock skew after its cut-off, which bounds the memory.
/// </remarks>
public sealed class RevokedCredentials(TimeProvider clock)
{
    /// <summary>How long an entry can still refuse a live token: the longest person token plus the clock skew.</summary>
    public static readonly TimeSpan Retention = TokenClockOptions.LongestPersonTokenLifetime + TokenClockOptions.MaxClockSkew;
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, CardCutOff> _cards = new();
    private readonly ConcurrentDictionary<(string Citizen, string Department, string Role), DateTimeOffset> _roles = new();
    private DateTimeOffset _lastPruned = DateTimeOffset.MinValue;

    /// <summary>The card stopped working at <paramref name="at"/> (suspended or revoked).</summary>
    public void CardStopped(Guid cardId, DateTimeOffset at)
    {
        _cards.AddOrUpdate(cardId, new CardCutOff(at, DateTimeOffset.MinValue), (_, old) => old with { StoppedAt = Later(old.StoppedAt, at) });
        Prune();
    }

    /// <summary>The card works again; tokens issued before it stopped stay refused.</summary>
    public void CardReinstated(Guid cardId, DateTimeOffset at) =>
        _cards.AddOrUpdate(cardId, new CardCutOff(DateTimeOffset.MinValue, at), (_, old) => old with { ReinstatedAt = Later(old.ReinstatedAt, at) });

    /// <summary>The citizen no longer holds <paramref name="role"/> in <paramref name="department"/> since <paramref name="at"/>.</summary>
    public void RoleWithdrawn(Guid citizenId, string department, string role, DateTimeOffset at)
    {
        var cutOff = CutOff(at);
        _roles.AddOrUpdate((citizenId.ToString(), department, role), cutOff, (_, old) => Later(old, cutOff));
        Prune();
    }

    /// <summary>Why <paramref name="user"/>'s token must be refused, or null when nothing known refuses it.</summary>
    public string? Refusal(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var issuedAt = IssuedAt(user);
        if (user.SignedInCardId() is { } cardId && _cards.TryGetValue(cardId, out var card) && (card.Stopped || issuedAt < card.NotBefore))
        {
            return "The card this token was issued to has been suspended or revoked.";
        }

        var subject = user.FindFirst(CityClaims.Subject)?.Value;
        if (subject is null || user.TokenDepartment() is not { } department)
        {
            return null;
        }

        return user.FindAll(CityClaims.Role).Any(role => _roles.TryGetValue((subject, department, role.Value), out var cutOff) && issuedAt < cutOff)
            ? "A staff role this token carries has been withdrawn."
            : null;
    }

    /// <summary>The token's <c>iat</c>; a token without one is as old as can be, so any cut-off refuses it.</summary>
    private static DateTimeOffset IssuedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst("iat")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;

    private static DateTimeOffset CutOff(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds() + 1);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void Prune()
    {
        var now = clock.GetUtcNow();
        if (now - _lastPruned < PruneInterval)
        {
            return;
        }

        _lastPruned = now;
        var forgetBefore = now - Retention;
        foreach (var (card, cutOff) in _cards.Where(entry => entry.Value.NotBefore < forgetBefore))
        {
            _cards.TryRemove(new KeyValuePair<Guid, CardCutOff>(card, cutOff));
        }

        foreach (var (role, cutOff) in _roles.Where(entry => entry.Value < forgetBefore))
        {
            _roles.TryRemove(new KeyValuePair<(string, string, string), DateTimeOffset>(role, cutOff));
        }
    }

    /// <summary>
    /// The latest stop and reinstatement, kept apart so the outcome does not depend on the order they
    /// arrive in: the live feed and a sync from identity's list (RevocationSync) can interleave.
    /// </summary>
    private sealed record CardCutOff(DateTimeOffset StoppedAt, DateTimeOffset ReinstatedAt)
    {
        /// <summary>Suspended or revoked now: no token of the card is good (a tie counts as stopped, the safe side).</summary>
        public bool Stopped => StoppedAt >= ReinstatedAt;

        /// <summary>Tokens issued before this stay refused, reinstated or not. A reinstatement whose stop is
        /// older than this view stands in for it: the card could not sign in before it.</summary>
        public DateTimeOffset NotBefore => CutOff(StoppedAt == DateTimeOffset.MinValue ? ReinstatedAt : StoppedAt);
    }
}
