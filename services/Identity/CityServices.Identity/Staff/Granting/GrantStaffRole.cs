using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.ServiceDefaults;
using CityServices.Identity.Registry;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.Identity.Staff.Granting;

public sealed record GrantStaffRole([Required, StaffName] string Role, [StaffName] string? Organisation);

public static class GrantStaffRoleEndpoint
{
    public static StaffRoleGranted Decide(Citizen state, string department, GrantStaffRole command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (!state.IsAlive)
        {
            throw new ConflictException("The citizen's death is recorded; no role can be granted.");
        }

        if (state.StaffRoles.Any(role => role.Is(department, command.Role, command.Organisation)))
        {
            throw new ConflictException($"The citizen already holds the role {command.Role} in {department}{At(command.Organisation)}.");
        }

        return new StaffRoleGranted(state.Id, department, command.Role, command.Organisation, actor, now);
    }

    public static RouteHandlerBuilder MapGrantStaffRole(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/staff-roles", async (Guid id, GrantStaffRole command, IDocumentSession session, TimeProvider clock, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                var department = GrantingDepartment.Of(user);
                var now = clock.GetUtcNow();
                var version = await session.Decide<Citizen>(id, http.Request.ExpectedVersion(),
                    state => [Decide(state, department, command, user.Actor(), now)], ct);
                http.Response.SetVersion(version);
                return Results.Created($"/api/identity/citizens/{id}", new StaffRole(department, command.Role, command.Organisation, now));
            })
            .WithName("GrantStaffRole")
            .WithSummary("The calling department grants a citizen a staff role (department from the token's department claim).")
            .Produces<StaffRole>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static string At(string? organisation) => organisation is null ? "" : $" at {organisation}";
}
