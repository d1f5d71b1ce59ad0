using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Records;
using CityServices.ServiceDefaults.Paging;
using CityServices.ServiceDefaults.Problems;
using Marten;

namespace CityServices.HealthRecords.Consents.Listing;

/// <summary>One consent as its patient sees it.</summary>
public sealed record ConsentView(
    Guid Id, ConsentProviderView Provider, ConsentAccess Access, DateTimeOffset? Until, DateTimeOffset GrantedAt, DateTimeOffset? RevokedAt, bool InForce)
{
    public static ConsentView Of(Consent consent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return new(consent.Id, new ConsentProviderView(consent.ProviderKind, consent.ProviderId), consent.Access, consent.Until, consent.GrantedAt,
            consent.RevokedAt, consent.IsInForceAt(now));
    }
}

public sealed record ConsentProviderView(ProviderKind Kind, string Id);

/// <summary>
/// <c>GET /me/consents?limit=&amp;cursor=</c>: every consent the patient granted, in force or not, in
/// the order granted, paged. Consents are not medical content: not logged as a read.
/// </summary>
public static class ListConsentsEndpoint
{
    public static RouteHandlerBuilder MapListConsents(this RouteGroupBuilder me) =>
        me.MapGet("/consents", async (
                int? limit, string? cursor, ClaimsPrincipal user, IQuerySession session, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var page = PageRequest.From(limit, cursor);
                var patient = Reader.Patient(user);
                var state = await session.Events.FetchStreamStateAsync(patient.CitizenId, ct);
                var record = await session.LoadAsync<PatientRecord>(patient.CitizenId, ct);
                if (record is null || state is null)
                {
                    throw new NotFoundException("You have no health record.");
                }

                var now = clock.GetUtcNow();
                http.Response.SetVersion(state.Version);
                return TypedResults.Ok(page.Answer(record.Consents, http).Select(c => ConsentView.Of(c, now)).ToList());
            })
            .WithName("ListConsents")
            .WithSummary("Every consent you granted, with whether it is in force, oldest first; paged (limit, cursor; Link rel=\"next\").")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
