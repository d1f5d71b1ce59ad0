using System.Security.Cryptography;
using CityServices.Identity.Citizens;
using CityServices.Identity.Citizens.Correcting;
using CityServices.Identity.Citizens.Erasing;
using CityServices.Identity.Citizens.IssuingCards;
using CityServices.Identity.Citizens.RecordingDeaths;
using CityServices.Identity.Citizens.ReplacingCards;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Tests;

/// <summary>The pure decisions, without a database: state, command and time in; events (or a refusal) out.</summary>
public sealed class DecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid CitizenId = Guid.NewGuid();
    private static readonly PersonalDetails Details = new("A123456789", "Mei", "Lin", new DateOnly(1990, 4, 12));

    [Fact]
    public void A_death_revokes_every_card_that_could_still_sign_in_and_no_other()
    {
        var (active, suspended, revoked) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var citizen = Registered()
            .Apply(Issued(revoked)).Apply(new CardRevoked(CitizenId, revoked, "stolen", "registrar", Now))
            .Apply(Issued(suspended)).Apply(new CardSuspended(CitizenId, suspended, "lost", "registrar", Now))
            .Apply(Issued(active));

        var events = RecordDeathEndpoint.Decide(citizen, Details, new RecordDeath(new DateOnly(2026, 4, 30)), "registrar", Now);

        Assert.Equal(
            [
                new CitizenDied(CitizenId, new DateOnly(2026, 4, 30), "registrar", Now),
                new CardRevoked(CitizenId, suspended, "holder died", "registrar", Now),
                new CardRevoked(CitizenId, active, "holder died", "registrar", Now),
            ],
            events);
    }

    [Fact]
    public void A_card_is_not_issued_while_a_suspended_one_could_be_reinstated()
    {
        var suspended = Guid.NewGuid();
        var citizen = Registered().Apply(Issued(suspended)).Apply(new CardSuspended(CitizenId, suspended, "lost", "registrar", Now));

        Assert.Throws<ConflictException>(() => IssueCardEndpoint.Decide(citizen, Guid.NewGuid(), NewKey(), "registrar", Now));
    }

    [Fact]
    public void A_replacement_revokes_the_old_card_and_issues_the_new_one_with_a_new_key_only()
    {
        var oldCard = Guid.NewGuid();
        var oldKey = NewKey();
        var citizen = Registered().Apply(Issued(oldCard, oldKey));
        var old = citizen.Card(oldCard)!;
        var (newCard, newKey) = (Guid.NewGuid(), NewKey());

        var events = ReplaceCardEndpoint.Decide(citizen, old, newCard, newKey, "registrar", Now);

        Assert.Equal(
            [
                new CardRevoked(CitizenId, oldCard, "replaced", "registrar", Now),
                new CardIssued(CitizenId, newCard, newKey, newKey.Thumbprint(), oldCard, "registrar", Now),
            ],
            events);
        Assert.Throws<ConflictException>(() => ReplaceCardEndpoint.Decide(citizen, old, Guid.NewGuid(), oldKey, "registrar", Now));
    }

    [Fact]
    public void A_correction_seals_every_detail_now_in_force_and_the_same_details_are_no_event()
    {
        var citizen = Registered();
        PersonalDetails? sealedOnes = null;

        var events = CorrectCitizenDetailsEndpoint.Decide(citizen, Details, new CorrectCitizenDetails(" Mei ", "Lin-Wang", new DateOnly(1990, 4, 12)),
            details => { sealedOnes = details; return "sealed correction"; }, "registrar", Now);
        var unchanged = CorrectCitizenDetailsEndpoint.Decide(citizen, Details, new CorrectCitizenDetails("Mei", "Lin", new DateOnly(1990, 4, 12)),
            _ => "never", "registrar", Now);

        Assert.Equal([new CitizenDetailsCorrected(CitizenId, "sealed correction", "registrar", Now)], events);
        Assert.Equal(Details with { FamilyName = "Lin-Wang" }, sealedOnes);
        Assert.Empty(unchanged);
    }

    [Fact]
    public void Only_a_deceased_citizen_is_erased_and_only_once()
    {
        var command = new EraseCitizen("Civil Registry Act §12, case 2026-77");
        var alive = Registered();
        var dead = alive.Apply(new CitizenDied(CitizenId, new DateOnly(2026, 4, 30), "registrar", Now));

        Assert.Throws<ConflictException>(() => EraseCitizenEndpoint.Decide(alive, command, "registrar", Now));
        Assert.Equal([new CitizenErased(CitizenId, "Civil Registry Act §12, case 2026-77", "registrar", Now)],
            EraseCitizenEndpoint.Decide(dead, command, "registrar", Now));
        var erased = dead.Apply(new CitizenErased(CitizenId, command.LegalBasis, "registrar", Now));
        Assert.Throws<ConflictException>(() => EraseCitizenEndpoint.Decide(erased, command, "registrar", Now));
        Assert.Throws<CitizenErasedException>(() => PersonalDetails.Of(erased, null));
    }

    [Fact]
    public void The_key_thumbprint_is_RFC_7638()
    {
        // RFC 7638 gives only an RSA example; this EC vector was computed independently with openssl:
        // printf '{"crv":"P-256","kty":"EC","x":"…","y":"…"}' | openssl dgst -sha256 -binary | basenc --base64url
        var key = new CardPublicKey("EC", "P-256", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");

        Assert.Equal("oKIywvGUpTVTyxMQ3bwIIeQUudfr_CkLMjCE19ECD-U", key.Thumbprint().TrimEnd('='));
    }

    private static Citizen Registered() =>
        Citizen.Create(new CitizenRegistered(CitizenId, "sealed details", "da-an", "registrar", Now));

    private static CardIssued Issued(Guid cardId, CardPublicKey? key = null)
    {
        key ??= NewKey();
        return new CardIssued(CitizenId, cardId, key, key.Thumbprint(), null, "registrar", Now);
    }

    private static CardPublicKey NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return CardPublicKey.Of(key);
    }
}
