using CityServices.Identity.Citizens.Correcting;
using CityServices.Identity.Citizens.Erasing;
using CityServices.Identity.Citizens.GrantingStaffRoles;
using CityServices.Identity.Citizens.IssuingCards;
using CityServices.Identity.Citizens.Moving;
using CityServices.Identity.Citizens.Reading;
using CityServices.Identity.Citizens.RecordingDeaths;
using CityServices.Identity.Citizens.Registering;
using CityServices.Identity.Citizens.ReinstatingCards;
using CityServices.Identity.Citizens.ReplacingCards;
using CityServices.Identity.Citizens.RevokingCards;
using CityServices.Identity.Citizens.SuspendingCards;
using CityServices.Identity.Citizens.WithdrawingStaffRoles;
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
        registry.MapEraseCitizen();
        registry.MapIssueCard();

        var cards = api.MapGroup("/cards").WithTags("Citizen cards").RequireScope(IdentityRegistration.Service.Scope);
        cards.MapGetCard();
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
