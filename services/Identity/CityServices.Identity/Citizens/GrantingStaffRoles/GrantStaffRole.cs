using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.GrantingStaffRoles;

public sealed record GrantStaffRole([Required, StaffName] string Role, [StaffName] string? Organisation);

public static class GrantStaffRoleEndpoint
{
    public static StaffRoleGranted Decide(Citizen state, string department, GrantStaffRole command, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        state.MustBeAlive("no role can be granted");

        if (state.StaffRoles.Any(role => role.Is(department, command.Role, command.Organisation)))
        {
            throw new ConflictException($"The citizen already holds the role {StaffRole.Describe(department, command.Role, command.Organisation)}.");
        }

        return new StaffRoleGranted(state.Id, department, command.Role, command.Organisation, actor, now);
    }

    public static RouteHandlerBuilder MapGrantStaffRole(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/{id:guid}/staff-roles", async (Guid id, GrantStaffRole command, CommandContext context) =>
            {
                var department = GrantingDepartment.Of(context.User);
                await context.Decide<Citizen, StaffRoleGranted>(id, state => [Decide(state, department, command, context.Actor, context.Now)]);
                return context.Created($"citizens/{id}", new StaffRole(department, command.Role, command.Organisation, context.Now));
            })
            .ProducesCommand<StaffRole>()
            .WithName("GrantStaffRole")
            .WithSummary("The calling department grants a citizen a staff role (department from the token's department claim).");
}
