using CityServices.EventPipeline.Commands;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.Identity.Citizens.WithdrawingStaffRoles;

public static class WithdrawStaffRoleEndpoint
{
    public static StaffRoleWithdrawn Decide(Citizen state, string department, string role, string? organisation, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.StaffRoles.Any(held => held.Is(department, role, organisation))
            ? new StaffRoleWithdrawn(state.Id, department, role, organisation, actor, now)
            : throw new NotFoundException($"The citizen holds no role {StaffRole.Describe(department, role, organisation)}.");
    }

    public static RouteHandlerBuilder MapWithdrawStaffRole(this IEndpointRouteBuilder citizens) =>
        citizens.MapDelete("/{id:guid}/staff-roles/{role}", async (Guid id, string role, string? organisation, CommandContext context) =>
            {
                var department = GrantingDepartment.Of(context.User);
                Validate(role, organisation);
                return await context.Change<StaffRoleWithdrawn>(id, state => [Decide(state, department, role, organisation, context.Actor, context.Now)]);
            })
            .ProducesCommand()
            .WithName("WithdrawStaffRole")
            .WithSummary("The calling department withdraws a staff role it granted (organisation as a query parameter).");

    private static void Validate(string role, string? organisation)
    {
        if (!StaffNameAttribute.IsValidName(role))
        {
            throw new InvalidFieldException("role", "The role must be lowercase letters and digits, words joined by hyphens, e.g. doctor.");
        }

        if (organisation is not null && !StaffNameAttribute.IsValidName(organisation))
        {
            throw new InvalidFieldException("organisation", "The organisation must be lowercase letters and digits, words joined by hyphens, e.g. city-hospital.");
        }
    }
}
