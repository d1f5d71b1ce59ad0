using System.Security.Claims;
using CityServices.EventPipeline.Streams;
using CityServices.HealthRecords.Access;

namespace CityServices.HealthRecords.Records.Reading;

/// <summary>What the read routes share: who may read and why, and an answer that carries the record's version.</summary>
public static class ReadRoutes
{
    /// <summary>A doctor's or nurse's read of <paramref name="target"/>, for the purpose and reason the query states.</summary>
    /// <exception cref="ServiceDefaults.Problems.ForbiddenException">Not a doctor or nurse signed in with a card.</exception>
    /// <exception cref="ServiceDefaults.Problems.BadRequestException">The purpose is missing or unknown, or an emergency has no reason.</exception>
    public static (Reader Reader, ReadRequest Request) StaffRead(ClaimsPrincipal user, string? purpose, string? reason, AccessTarget target, Guid? entryId = null)
    {
        var reader = Reader.Staff(user, HealthRoles.Doctor, HealthRoles.Nurse);
        var (stated, written) = StaffReadPurpose.Parse(purpose, reason);
        return (reader, new ReadRequest(stated, written, target, entryId));
    }

    /// <summary>Reads through the access log, and sets the answer's ETag to the version the read was logged at.</summary>
    public static async Task<LoggedRead> ReadAsync(
        this LoggedReads reads, Guid patientId, (Reader Reader, ReadRequest Request) read, HttpResponse response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(response);
        var logged = await reads.ReadAsync(patientId, read.Reader, read.Request, ct);
        response.SetVersion(logged.Version);
        return logged;
    }

    /// <summary>Declares the refusals every read can give: 400 (a purpose, a page), 403 (no consent or role, logged) and 404.</summary>
    public static RouteHandlerBuilder ProducesReadRefusals(this RouteHandlerBuilder route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
