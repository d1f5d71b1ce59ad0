using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.Correcting;

/// <summary>The names and birth date now in force (all three, as the published event carries them).</summary>
public sealed record CorrectCitizenDetails(
    [Required, StringLength(100, MinimumLength = 1)] string GivenName,
    [Required, StringLength(100, MinimumLength = 1)] string FamilyName,
    [Required, PastDate] DateOnly? BirthDate);

public static class CorrectCitizenDetailsEndpoint
{
    /// <param name="state">The citizen.</param>
    /// <param name="current">Their details now in force, opened.</param>
    /// <param name="command">The correction.</param>
    /// <param name="seal">Seals the corrected details under the citizen's key.</param>
    /// <param name="actor">Who corrects.</param>
    /// <param name="now">When.</param>
    public static IReadOnlyList<CitizenDetailsCorrected> Decide(
        Citizen state, PersonalDetails current, CorrectCitizenDetails command, Func<PersonalDetails, string> seal, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(seal);
        var corrected = current with { GivenName = command.GivenName.Trim(), FamilyName = command.FamilyName.Trim(), BirthDate = command.BirthDate!.Value };
        if (state.DiedOn is { } diedOn && corrected.BirthDate > diedOn)
        {
            throw new ConflictException($"The birth date cannot be after the recorded date of death ({diedOn:yyyy-MM-dd}).");
        }

        // Nothing to correct: no event, and the caller still gets the current ETag.
        return corrected == current ? [] : [new CitizenDetailsCorrected(state.Id, seal(corrected), actor, now)];
    }

    public static RouteHandlerBuilder MapCorrectCitizenDetails(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/corrections", (Guid id, CorrectCitizenDetails command, DataKeyStore keys, CommandContext context) =>
                context.ChangeWithDetails(keys, id, (state, current, key) =>
                    Decide(state, current, command, corrected => corrected.Seal(key, id), context.Actor, context.Now)))
            .ProducesCommand()
            .WithName("CorrectCitizenDetails")
            .WithSummary("Corrects a citizen's names or birth date (If-Match honoured).");
}
