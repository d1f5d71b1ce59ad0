using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.RecordingDeaths;

public sealed record RecordDeath([Required, PastDate] DateOnly? DiedOn);

public static class RecordDeathEndpoint
{
    public const string CardRevocationReason = "holder died";

    /// <summary>The death, and the revocation of every card that could still sign in, in one commit.</summary>
    public static IReadOnlyList<CitizenEvent> Decide(Citizen state, PersonalDetails details, RecordDeath command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(command);
        var diedOn = command.DiedOn!.Value;
        if (!state.IsAlive)
        {
            throw new ConflictException($"The citizen's death is already recorded ({state.DiedOn:yyyy-MM-dd}).");
        }

        if (diedOn < details.BirthDate)
        {
            throw new ConflictException($"The date of death cannot be before the birth date ({details.BirthDate:yyyy-MM-dd}).");
        }

        return
        [
            new CitizenDied(state.Id, diedOn, actor, now),
            .. state.LiveCards.Select(card => new CardRevoked(state.Id, card.Id, CardRevocationReason, actor, now)),
        ];
    }

    public static RouteHandlerBuilder MapRecordDeath(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/death", (Guid id, RecordDeath command, DataKeyStore keys, CommandContext context) =>
                context.ChangeWithDetails(keys, id, (state, details, _) => Decide(state, details, command, context.Actor, context.Now)))
            .ProducesCommand()
            .WithName("RecordDeath")
            .WithSummary("Records a citizen's death; their cards are revoked in the same commit (If-Match honoured).");
}
