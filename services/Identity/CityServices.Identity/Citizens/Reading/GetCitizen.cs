using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.PersonalData;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.Identity.Citizens.Reading;

public static class GetCitizenEndpoints
{
    /// <summary><c>GET /citizens/{id}</c> for the registry (scope <c>identity</c>).</summary>
    public static RouteHandlerBuilder MapGetCitizen(this IEndpointRouteBuilder citizens) =>
        citizens.MapGet("/{id:guid}", async (Guid id, IQuerySession session, DataKeyStore keys, HttpResponse response, CancellationToken ct) =>
            {
                var citizen = await CitizenView.LoadAsync(session, keys, id, ct) ?? throw new NotFoundException($"Citizen {id} does not exist.");
                response.SetVersion(citizen.Version);
                return Results.Ok(citizen);
            })
            .WithName("GetCitizen")
            .WithSummary("A citizen's record with their cards and staff roles; the ETag is its version.")
            .Produces<CitizenView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

    /// <summary><c>GET /me</c> and <c>/me/cards</c>: the signed-in citizen's own record, never another's (scope <c>citizen</c>).</summary>
    public static RouteGroupBuilder MapMe(this RouteGroupBuilder me)
    {
        ArgumentNullException.ThrowIfNull(me);
        me.MapGet("/", async (ClaimsPrincipal user, IQuerySession session, DataKeyStore keys, HttpResponse response, CancellationToken ct) =>
            {
                var citizen = await LoadOwnAsync(user, session, keys, ct);
                response.SetVersion(citizen.Version);
                return Results.Ok(citizen);
            })
            .WithName("GetMe")
            .WithSummary("The signed-in citizen's own record.")
            .Produces<CitizenView>();

        me.MapGet("/cards", async (ClaimsPrincipal user, IQuerySession session, DataKeyStore keys, CancellationToken ct) =>
                Results.Ok((await LoadOwnAsync(user, session, keys, ct)).Cards))
            .WithName("GetMyCards")
            .WithSummary("The signed-in citizen's cards.")
            .Produces<IReadOnlyList<CitizenCard>>();
        return me;
    }

    private static async Task<CitizenView> LoadOwnAsync(ClaimsPrincipal user, IQuerySession session, DataKeyStore keys, CancellationToken ct)
    {
        // Only a card token names a citizen; a department token with the citizen scope reads nobody.
        var citizenId = user.CitizenId() ?? throw new ForbiddenException("Only a citizen-card token reads its own record.");
        return await CitizenView.LoadAsync(session, keys, citizenId, ct) ?? throw new NotFoundException("The signed-in citizen is not in the registry.");
    }
}
