using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;

namespace CityServices.CityTemplate.Cases.Opening;

public sealed record OpenCase([Required, StringLength(200, MinimumLength = 1)] string Subject);

/// <summary><c>POST /cases</c>: opens a case in a new stream.</summary>
public static class OpenCaseEndpoint
{
    public static CaseOpened Decide(Guid caseId, OpenCase command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new(caseId, command.Subject.Trim(), actor, now);
    }

    public static RouteHandlerBuilder MapOpenCase(this IEndpointRouteBuilder cases) =>
        cases.MapPost("/", async (OpenCase command, CommandContext context) =>
            {
                var id = Guid.CreateVersion7();
                await context.Start<Case, CaseEvent>(id, [Decide(id, command, context.Actor, context.Now)]);
                return context.Created($"cases/{id}", new CreatedId(id));
            })
            .ProducesCreate<CreatedId>()
            .WithName("OpenCase")
            .WithSummary("Opens a case; the answer's ETag is its first version.");
}
