using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.Correcting;

/// <summary>The names and birth date now in force (all three, as the published event carries them).</summary>
public sealed record CorrectCitizenDetails(
    [Required, StringLength(100, MinimumLength = 1)] string GivenName,
    [Required, StringLength(100, MinimumLength = 1)] string FamilyName,
    [Required, PastDate] DateOnly? BirthDate);

public static class CorrectCitizenDetailsEndpoint
{
    public static IReadOnlyList<CitizenDetailsCorrected> Decide(Citizen state, CorrectCitizenDetails command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var (given, family, birth) = (command.GivenName.Trim(), command.FamilyName.Trim(), command.BirthDate!.Value);
        if (state.DiedOn is { } diedOn && birth > diedOn)
        {
            throw new ConflictException($"The birth date cannot be after the recorded date of death ({diedOn:yyyy-MM-dd}).");
        }

        // Nothing to correct: no event, and the caller still gets the current ETag.
        return given == state.GivenName && family == state.FamilyName && birth == state.BirthDate
            ? []
            : [new CitizenDetailsCorrected(state.Id, given, family, birth, actor, now)];
    }

    public static RouteHandlerBuilder MapCorrectCitizenDetails(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/corrections", (Guid id, CorrectCitizenDetails command, CommandContext context) =>
                context.Change(id, state => Decide(state, command, context.Actor, context.Now)))
            .ProducesCommand()
            .WithName("CorrectCitizenDetails")
            .WithSummary("Corrects a citizen's names or birth date (If-Match honoured).");
}
