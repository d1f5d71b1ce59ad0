using CityServices.EventPipeline.Commands;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Records;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Consents.Revoking;

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
        me.MapDelete("/consents/{consentId:guid}", async (Guid consentId, CommandContext context) =>
            {
                var patient = Reader.Patient(context.User);
                await context.Decide<PatientRecord, ConsentRevoked>(patient.CitizenId, state => [Decide(state, consentId, context.Now)]);
                return Results.NoContent();
            })
            .ProducesCommand()
            .WithName("RevokeConsent")
            .WithSummary("Withdraws one of your consents.");
}
