using System.ComponentModel.DataAnnotations;
using CityServices.EventPipeline.Commands;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Records;
using CityServices.ServiceDefaults.Problems;

namespace CityServices.HealthRecords.Consents.Granting;

/// <summary>Who gets access: a staff member by citizen id, or a care organisation by name (as its staff's tokens name it).</summary>
public sealed record ConsentProvider([Required] ProviderKind? Kind, [Required, StringLength(100, MinimumLength = 1)] string Id);

/// <summary>The patient's grant: read, or read and write, optionally until a time.</summary>
public sealed record GrantConsent([Required] ConsentProvider Provider, [Required] ConsentAccess? Access, DateTimeOffset? Until);

/// <summary><c>POST /me/consents</c>: patients let a provider read (or read and write) their record.</summary>
public static class GrantConsentEndpoint
{
    public static ConsentGranted Decide(PatientRecord state, Guid consentId, GrantConsent command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (state.IsErased)
        {
            throw new ConflictException("Your record was erased; there is nothing left to consent to.");
        }

        if (command.Until <= now)
        {
            throw new BadRequestException("until must lie in the future.");
        }

        var kind = command.Provider.Kind!.Value;
        var provider = kind switch
        {
            ProviderKind.Staff => Guid.TryParse(command.Provider.Id, out var staff)
                ? staff.ToString("D")
                : throw new BadRequestException("provider.id of a staff member is their citizen id (a UUID)."),
            _ => command.Provider.Id.Trim().ToLowerInvariant(),
        };
        return new ConsentGranted(state.Id, consentId, kind, provider, command.Access!.Value, command.Until?.ToUniversalTime(), now);
    }

    public static RouteHandlerBuilder MapGrantConsent(this RouteGroupBuilder me) =>
        me.MapPost("/consents", async (GrantConsent command, CommandContext context) =>
            {
                var patient = Reader.Patient(context.User);
                var consentId = Guid.CreateVersion7();
                await context.Decide<PatientRecord, ConsentGranted>(patient.CitizenId, state => [Decide(state, consentId, command, context.Now)]);
                return context.Created($"me/consents/{consentId}", new CreatedId(consentId));
            })
            .ProducesCommand<CreatedId>()
            .WithName("GrantConsent")
            .WithSummary("Lets a staff member (by citizen id) or a care organisation (by name) read, or read and write, your record; optionally until a time.");
}
