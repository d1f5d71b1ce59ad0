using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.Erasing;

/// <summary>The lawful basis of an erasure, a citation rather than a story (it stays readable forever): e.g. "Civil Registry Act §12, retention ended, case 2026-77".</summary>
public sealed record EraseCitizen([Required, StringLength(300, MinimumLength = 3)] string LegalBasis);

/// <summary>
/// <c>POST /citizens/{id}/erasure</c>: the registry destroys a deceased citizen's data key
/// (crypto-shredding) when the law ends its duty to keep the entry. The key's deletion, the
/// unlinking of the national-id claim and <see cref="CitizenErased"/> commit in one transaction;
/// every event, hash and ledger proof stays valid, and the national id, names and birth date can
/// never be read again. A living citizen is not erased: the registry must keep the entry of a
/// living person (and their cards sign in against it); their death is recorded first, which
/// revokes every card.
/// </summary>
public static class EraseCitizenEndpoint
{
    public static IReadOnlyList<CitizenErased> Decide(Citizen state, EraseCitizen command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (state.ErasedAt is { } erasedAt)
        {
            throw new ConflictException($"The personal data of citizen {state.Id} was already erased at {erasedAt:O}.");
        }

        return state.IsAlive
            ? throw new ConflictException($"Citizen {state.Id} is alive: a living person's registry entry is kept; record the death first.")
            : [new CitizenErased(state.Id, command.LegalBasis.Trim(), actor, now)];
    }

    public static RouteHandlerBuilder MapEraseCitizen(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/erasure", (Guid id, EraseCitizen command, DataKeyStore keys, NationalIdIndex index, CommandContext context) =>
                context.ChangeWithDetails(keys, id, (state, details, _) =>
                {
                    var erased = Decide(state, command, context.Actor, context.Now);
                    // Staged in the decision's commit: the id stays taken, but no longer leads to this citizen.
                    context.Session.Store(new NationalIdClaim(index.Of(details.NationalId), null));
                    DataKeyStore.DestroyKey(context.Session, id);
                    return erased;
                }))
            .ProducesCommand()
            .WithName("EraseCitizen")
            .WithSummary("Erases a deceased citizen's national id, names and birth date on a lawful request by destroying their data key; the record's history and proofs stay valid.");
}
