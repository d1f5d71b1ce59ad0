using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.CityTemplate.Cases.Reading;

/// <summary>A case as clients read it; the ETag carries its version for the next command's <c>If-Match</c>.</summary>
public sealed record CaseView(Guid Id, string Subject, string OpenedBy, DateTimeOffset OpenedAt, IReadOnlyList<CaseNote> Notes, string? Outcome, DateTimeOffset? ClosedAt);

/// <summary><c>GET /cases/{id}</c>.</summary>
public static class GetCaseEndpoint
{
    public static RouteHandlerBuilder MapGetCase(this IEndpointRouteBuilder cases) =>
        cases.MapGet("/{id:guid}", async (Guid id, IQuerySession session, HttpResponse response, CancellationToken ct) =>
            {
                // The state is built up to the version read first, so the ETag names exactly what is answered.
                var stream = await session.Events.FetchStreamStateAsync(id, ct) ?? throw new NotFoundException($"Case {id} does not exist.");
                var state = await session.Events.AggregateStreamAsync<Case>(id, stream.Version, token: ct)
                    ?? throw new NotFoundException($"Case {id} does not exist.");
                response.SetVersion(stream.Version);
                return Results.Ok(new CaseView(state.Id, state.Subject, state.OpenedBy, state.OpenedAt, state.Notes, state.Outcome, state.ClosedAt));
            })
            .WithName("GetCase")
            .WithSummary("A case with its notes; the ETag is its version.")
            .Produces<CaseView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
