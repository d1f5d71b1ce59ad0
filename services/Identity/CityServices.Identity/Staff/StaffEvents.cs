using CityServices.EventPipeline.Catalog;
using CityServices.Identity.Registry;
using Published = CityServices.Contracts.Identity;

namespace CityServices.Identity.Staff;

// Staff roles are granted and withdrawn by a department (its client's "department" claim); the
// events name the department client that did it.

public sealed record StaffRoleGranted(
    Guid CitizenId, string Department, string Role, string? Organisation, string GrantedBy, DateTimeOffset GrantedAt) : CitizenEvent;

public sealed record StaffRoleWithdrawn(
    Guid CitizenId, string Department, string Role, string? Organisation, string WithdrawnBy, DateTimeOffset WithdrawnAt) : CitizenEvent;

public static class StaffEvents
{
    public static void RecordStaffEvents(this EventCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        catalog.Record<StaffRoleGranted>("identity.staff_role_granted")
            .PublishAs(e => new Published.StaffRoleGranted(e.CitizenId, e.Department, e.Role, e.Organisation, e.GrantedBy, e.GrantedAt));
        catalog.Record<StaffRoleWithdrawn>("identity.staff_role_withdrawn")
            .PublishAs(e => new Published.StaffRoleWithdrawn(e.CitizenId, e.Department, e.Role, e.Organisation, e.WithdrawnBy, e.WithdrawnAt));
    }
}
