using CityServices.EventPipeline.Commands;
using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults;
using Marten;

namespace CityServices.EventPipeline.TestService.Permits;

public static class PermitsApi
{
    public static readonly CityService Service = new("permits", "permits", "Permits");

    public static IEndpointRouteBuilder MapPermitsApi(this IEndpointRouteBuilder app)
    {
        var permits = app.MapGroup(Service.PathTo("permits"));

        permits.MapPost("/", async (ApplyForPermit command, CommandContext context) =>
        {
            var id = Guid.CreateVersion7();
            await context.Start<Permit, PermitApplied>(id, [Permit.Decide(id, command, context.Now)]);
            return context.Created($"permits/{id}", new CreatedId(id));
        }).ProducesCreate<CreatedId>();

        permits.MapPost("/{id:guid}/notes", async (Guid id, AddNote command, CommandContext context) =>
        {
            await context.Decide<Permit, PermitNoteAdded>(id, state => [Permit.Decide(state, command, context.Now)]);
            return Results.NoContent();
        }).ProducesCommand();

        permits.MapGet("/{id:guid}", async (Guid id, IQuerySession session, HttpResponse response, CancellationToken ct) =>
        {
            var stream = await session.Events.FetchStreamStateAsync(id, ct);
            var permit = await session.Events.AggregateStreamAsync<Permit>(id, token: ct);
            if (permit is null || stream is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Permit {id} does not exist.");
            }

            response.SetVersion(stream.Version);
            return Results.Ok(permit);
        });

        return app;
    }
}
