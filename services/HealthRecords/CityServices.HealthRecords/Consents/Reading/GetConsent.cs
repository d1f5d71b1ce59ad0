using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Consents.Listing;
using CityServices.HealthRecords.Records;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.HealthRecords.Consents.Reading;

/// <summary><c>GET /me/consents/{consentId}</c>: one of the patient's consents, where a grant's <c>Location</c> points. Not a record read.</summary>
public static class GetConsentEndpoint
{
    public static RouteHandlerBuilder MapGetConsent(this RouteGroupBuilder me) =>
        me.MapGet("/consents/{consentId:guid}", async (
                Guid consentId, ClaimsPrincipal user, IQuerySession session, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
            {
                var patient = Reader.Patient(user);
                var state = await session.Events.FetchStreamStateAsync(patient.CitizenId, ct);
                var record = await session.LoadAsync<PatientRecord>(patient.CitizenId, ct);
                var consent = record?.Consents.FirstOrDefault(c => c.Id == consentId)
                    ?? throw new NotFoundException($"You have no consent {consentId}.");
                response.SetVersion(state!.Version);
                return TypedResults.Ok(ConsentView.Of(consent, clock.GetUtcNow()));
            })
            .WithName("GetConsent")
            .WithSummary("One consent you granted, with whether it is in force.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
