using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;

namespace CityServices.Identity.Citizens.Moving;

public sealed record RecordMove([Required, District] string District);

public static class RecordMoveEndpoint
{
    public static IReadOnlyList<CitizenMoved> Decide(Citizen state, RecordMove command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        state.MustBeAlive("a move can no longer be");
        return command.District == state.District ? [] : [new CitizenMoved(state.Id, command.District, actor, now)];
    }

    public static RouteHandlerBuilder MapRecordMove(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/moves", (Guid id, RecordMove command, CommandContext context) =>
                context.Change(id, state => Decide(state, command, context.Actor, context.Now)))
            .ProducesCommand()
            .WithName("RecordMove")
            .WithSummary("Records that a citizen moved to another district (If-Match honoured).");
}
