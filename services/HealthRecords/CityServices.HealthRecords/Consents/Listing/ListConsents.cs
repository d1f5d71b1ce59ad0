using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Records;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.HealthRecords.Consents.Listing;

/// <summary>One consent as its patient sees it.</summary>
public sealed record ConsentView(
    Guid Id, ConsentProviderView Provider, ConsentAccess Access, DateTimeOffset? Until, DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt, bool InForce);

public sealed record ConsentProviderView(ProviderKind Kind, string Id);

/// <summary><c>GET /me/consents</c>: every consent the patient granted, in force or not. Consents are not medical content: not logged as a read.</summary>
public static class ListConsentsEndpoint
{
    public static RouteHandlerBuilder MapListConsents(this RouteGroupBuilder me) =>
        me.MapGet("/consents", async (ClaimsPrincipal user, IQuerySession session, TimeProvider clock, HttpResponse response, CancellationToken ct) =>
            {
                var patient = Reader.Patient(user);
                var state = await session.Events.FetchStreamStateAsync(patient.CitizenId, ct);
                var record = await session.LoadAsync<PatientRecord>(patient.CitizenId, ct);
                if (record is null || state is null)
                {
                    throw new NotFoundException("You have no health record.");
                }

                var now = clock.GetUtcNow();
                response.SetVersion(state.Version);
                return TypedResults.Ok(record.Consents
                    .Select(c => new ConsentView(c.Id, new ConsentProviderView(c.ProviderKind, c.ProviderId), c.Access, c.Until, c.GrantedAt, c.RevokedAt, c.IsInForceAt(now)))
                    .ToList());
            })
            .WithName("ListConsents")
            .WithSummary("Every consent you granted, with whether it is in force.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
