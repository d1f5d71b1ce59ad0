using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.CityTemplate.Cases.Noting;

public sealed record AddCaseNote([Required, StringLength(2000, MinimumLength = 1)] string Text);

/// <summary><c>POST /cases/{id}/notes</c>: a note on an open case (<c>If-Match</c> honoured).</summary>
public static class AddCaseNoteEndpoint
{
    public static IReadOnlyList<CaseEvent> Decide(Case state, AddCaseNote command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return state.IsClosed
            ? throw new ConflictException($"Case {state.Id} is closed; it takes no more notes.")
            : [new CaseNoteAdded(state.Id, command.Text.Trim(), actor, now)];
    }

    public static RouteHandlerBuilder MapAddCaseNote(this IEndpointRouteBuilder cases) =>
        cases.MapPost("/{id:guid}/notes", async (Guid id, AddCaseNote command, CommandContext context) =>
            {
                await context.Decide<Case, CaseEvent>(id, state => Decide(state, command, context.Actor, context.Now));
                return Results.NoContent();
            })
            .ProducesCommand()
            .WithName("AddCaseNote")
            .WithSummary("Adds a note to an open case.");
}
