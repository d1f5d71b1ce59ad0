using System.Security.Claims;
using System.Text;
using CityServices.HealthRecords.Access;
using CityServices.HealthRecords.Encryption;
using CityServices.HealthRecords.Records;
using CityServices.PersonalData;
using CityServices.ServiceDefaults.Paging;
using CityServices.ServiceDefaults.Problems;
using JasperFx.Events;
using Marten;
using Marten.Events;

namespace CityServices.HealthRecords.AccessLog;

/// <summary>
/// One access to the patient's record as the patient sees it. <c>eventId</c> names the stored
/// event, whose receipt proves it. <c>target</c> is <c>record</c> or the id of the entry read.
/// Refused attempts are listed too, with <c>outcome</c> <c>denied</c> and the refusal.
/// </summary>
public sealed record AccessLogItem(
    Guid EventId,
    Guid ReaderCitizenId,
    Guid ReaderCardId,
    string Role,
    AccessPurpose Purpose,
    string? Reason,
    bool ReasonErased,
    string Target,
    DateTimeOffset At,
    bool FlaggedEmergency,
    string Outcome,
    AccessAction Action,
    string? Refusal);

/// <summary>
/// <c>GET /me/access-log?limit=&amp;cursor=</c>: everyone who read (or tried to read or write) the
/// caller's record, oldest first, paged by the access's version in the patient's stream (only
/// access events are read, never the whole stream). Listing the log is not itself a record read.
/// </summary>
public static class ListAccessLogEndpoint
{
    public const string Granted = "granted";
    public const string Denied = "denied";

    public static RouteHandlerBuilder MapListAccessLog(this RouteGroupBuilder me) =>
        me.MapGet("/access-log", async (
                int? limit, string? cursor, ClaimsPrincipal user, IQuerySession session, DataKeyStore keys, HttpContext http, CancellationToken ct) =>
            {
                var page = PageRequest.From(limit, cursor);
                var patient = Reader.Patient(user);
                if (await session.Events.FetchStreamStateAsync(patient.CitizenId, ct) is null)
                {
                    throw new NotFoundException("You have no health record.");
                }

                var accesses = await session.Events.QueryAllRawEvents()
                    .Where(e => e.StreamId == patient.CitizenId && e.Version > page.After && e.EventTypesAre(typeof(RecordAccessed), typeof(AccessDenied)))
                    .OrderBy(e => e.Version)
                    .Take(page.Limit + 1)
                    .ToListAsync(ct);
                var key = await keys.FindAsync(session, patient.CitizenId, ct);
                return TypedResults.Ok(page.Answer(accesses, e => e.Version, http).Select(e => ToItem(e, key)).OfType<AccessLogItem>().ToList());
            })
            .WithName("ListAccessLog")
            .WithSummary("Everyone who read your record or one of its entries, or was refused, oldest first; each item's receipt proves it. Paged (limit, cursor; Link rel=\"next\").")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static AccessLogItem? ToItem(IEvent stored, DataKey? key) => stored.Data switch
    {
        RecordAccessed a => new AccessLogItem(stored.Id, a.ReaderCitizenId, a.ReaderCardId, a.Role, a.Purpose,
            a.SealedReason is not null && key is not null
                ? Encoding.UTF8.GetString(key.Open(a.SealedReason, SealedData.AccessReason(a.PatientId, a.AccessId)))
                : null,
            a.SealedReason is not null && key is null,
            TargetOf(a.Target, a.EntryId), a.AccessedAt, a.FlaggedEmergency, Granted, AccessAction.Read, null),
        AccessDenied d => new AccessLogItem(stored.Id, d.ReaderCitizenId, d.ReaderCardId, d.Role, d.Purpose, null, false,
            TargetOf(d.Target, d.EntryId), d.AttemptedAt, false, Denied, d.Action, d.Refusal),
        _ => null,
    };

    private static string TargetOf(AccessTarget target, Guid? entryId) =>
        target == AccessTarget.Entry && entryId is { } id ? id.ToString("D") : "record";
}
