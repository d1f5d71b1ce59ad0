using CityServices.HealthRecords.AccessLog;
using CityServices.HealthRecords.Consents.Granting;
using CityServices.HealthRecords.Consents.Listing;
using CityServices.HealthRecords.Consents.Reading;
using CityServices.HealthRecords.Consents.Revoking;
using CityServices.HealthRecords.Records.Erasing;
using CityServices.HealthRecords.Records.AddingEntries;
using CityServices.HealthRecords.Records.Reading;
using CityServices.ServiceDefaults;

namespace CityServices.HealthRecords;

/// <summary>
/// Every route under <c>/api/health-records</c>. Scopes are enforced per group (<c>citizen</c> for a
/// person's own record, <c>health-records</c> for staff); each handler then checks the person, the
/// staff role and, through the record, the consent (docs/health-records.md).
/// </summary>
public static class HealthRecordsApi
{
    public const string Tag = "Health records";

    public static IEndpointRouteBuilder MapHealthRecordsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup(HealthRecordsRegistration.Service.PathTo("me")).RequireScope(CityScopes.Citizen).WithTags(Tag);
        me.MapReadOwnRecord();
        me.MapListAccessLog();
        me.MapAccessReceipt();
        me.MapGrantConsent();
        me.MapRevokeConsent();
        me.MapListConsents();
        me.MapGetConsent();

        var patients = app.MapGroup(HealthRecordsRegistration.Service.PathTo("patients")).RequireScope(HealthRecordsRegistration.Service.Scope).WithTags(Tag);
        patients.MapReadPatientRecord();
        patients.MapReadPatientEntry();
        patients.MapAddRecordEntry();
        patients.MapEraseRecord();
        return app;
    }
}
