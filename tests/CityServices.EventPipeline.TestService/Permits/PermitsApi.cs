using CityServices.EventPipeline.Streams;
using Marten;

namespace CityServices.EventPipeline.TestService.Permits;

public static class PermitsApi
{
    public const string Service = "permits";

    public static IEndpointRouteBuilder MapPermitsApi(this IEndpointRouteBuilder app)
    {
        var permits = app.MapGroup($"/api/{Service}/permits");

        permits.MapPost("/", async (ApplyForPermit command, IDocumentSession session, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
        {
            var id = Guid.CreateVersion7();
            var version = await session.StartStream<Permit>(id, [Permit.Decide(id, command, clock.GetUtcNow())], ct);
            response.SetVersion(version);
            return Results.Created($"/api/{Service}/permits/{id}", new { id });
        });

        permits.MapPost("/{id:guid}/notes", async (Guid id, AddNote command, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var version = await session.Decide<Permit>(id, http.Request.ExpectedVersion(),
                state => [Permit.Decide(state, command, clock.GetUtcNow())], ct);
            http.Response.SetVersion(version);
            return Results.NoContent();
        });

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
