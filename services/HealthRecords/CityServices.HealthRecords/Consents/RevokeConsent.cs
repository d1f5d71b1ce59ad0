using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Records;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.HealthRecords.Consents;

/// <summary><c>DELETE /me/consents/{id}</c>: patients withdraw a consent; it stops working at once.</summary>
public static class RevokeConsentEndpoint
{
    public static ConsentRevoked Decide(PatientRecord state, Guid consentId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Consents.Any(c => c.Id == consentId && c.RevokedAt is null)
            ? new ConsentRevoked(state.Id, consentId, now)
            : throw new NotFoundException($"You have no consent {consentId} in force.");
    }

    public static RouteHandlerBuilder MapRevokeConsent(this RouteGroupBuilder me) =>
        me.MapDelete("/consents/{consentId:guid}", async (Guid consentId, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var patient = Reader.Patient(user);
                var version = await session.Decide<PatientRecord>(patient.CitizenId, http.Request.ExpectedVersion(),
                    state => [Decide(state, consentId, clock.GetUtcNow())], ct);
                http.Response.SetVersion(version);
                return Results.NoContent();
            })
            .WithName("RevokeConsent")
            .WithSummary("Withdraws one of your consents.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
}
