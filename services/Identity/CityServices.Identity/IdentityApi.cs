using CityServices.Identity.Cards.Issuing;
using CityServices.Identity.Cards.Reinstating;
using CityServices.Identity.Cards.Replacing;
using CityServices.Identity.Cards.Revoking;
using CityServices.Identity.Cards.Suspending;
using CityServices.Identity.Registry.Correcting;
using CityServices.Identity.Registry.Deaths;
using CityServices.Identity.Registry.Moving;
using CityServices.Identity.Registry.Reading;
using CityServices.Identity.Registry.Registering;
using CityServices.Identity.Staff.Granting;
using CityServices.Identity.Staff.Withdrawing;
using CityServices.ServiceDefaults;

namespace CityServices.Identity;

/// <summary>The routes under the service's prefix, <c>/api/identity</c> (docs/identity.md), with the scope each needs.</summary>
public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(IdentityRegistration.Service.RoutePrefix);

        var registry = api.MapGroup("/citizens").WithTags("Civil registry").RequireScope(IdentityRegistration.Service.Scope);
        registry.MapRegisterCitizen();
        registry.MapGetCitizen();
        registry.MapCorrectCitizenDetails();
        registry.MapRecordMove();
        registry.MapRecordDeath();
        registry.MapIssueCard();

        var cards = api.MapGroup("/cards").WithTags("Citizen cards").RequireScope(IdentityRegistration.Service.Scope);
        cards.MapSuspendCard();
        cards.MapReinstateCard();
        cards.MapRevokeCard();
        cards.MapReplaceCard();

        // Any department grants its own roles; which one is the token's department claim.
        var staff = api.MapGroup("/citizens").WithTags("Staff").RequireScope([.. CityScopes.Departments]);
        staff.MapGrantStaffRole();
        staff.MapWithdrawStaffRole();

        api.MapGroup("/me").WithTags("Citizen self-service").RequireScope(CityScopes.Citizen).MapMe();
        return app;
    }
}
