using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;

namespace CityServices.CityTemplate.Cases.Closing;

public sealed record CloseCase([Required, StringLength(500, MinimumLength = 1)] string Outcome);

/// <summary><c>POST /cases/{id}/closure</c>: closes a case with its outcome (<c>If-Match</c> honoured).</summary>
public static class CloseCaseEndpoint
{
    /// <summary>Closing is final; closing a closed case changes nothing, so a retried request is harmless.</summary>
    public static IReadOnlyList<CaseEvent> Decide(Case state, CloseCase command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return state.IsClosed ? [] : [new CaseClosed(state.Id, command.Outcome.Trim(), actor, now)];
    }

    public static RouteHandlerBuilder MapCloseCase(this IEndpointRouteBuilder cases) =>
        cases.MapPost("/{id:guid}/closure", async (Guid id, CloseCase command, CommandContext context) =>
            {
                await context.Decide<Case, CaseEvent>(id, state => Decide(state, command, context.Actor, context.Now));
                return Results.NoContent();
            })
            .ProducesCommand()
            .WithName("CloseCase")
            .WithSummary("Closes a case with its outcome; it takes no more notes.");
}
