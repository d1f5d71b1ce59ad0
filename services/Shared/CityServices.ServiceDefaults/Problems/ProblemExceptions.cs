using Microsoft.AspNetCore.Http;

namespace CityServices.ServiceDefaults.Problems;

/// <summary>
/// A failure the caller can act on, thrown by domain or pipeline code and turned into an RFC 9457
/// problem with <see cref="StatusCode"/>, <see cref="Title"/> and the exception's message as detail.
/// Only these exceptions' messages ever reach a client; any other exception becomes a bare 500.
/// </summary>
public abstract class ProblemException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    /// <summary>The problem's <c>type</c> when its status alone does not name its kind (<see cref="ProblemTypes"/>).</summary>
    public virtual string? Type => null;

    /// <summary>Members the problem carries besides RFC 9457's own, e.g. a link to what the request collided with.</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

/// <summary>404: the addressed resource does not exist (or the caller may not know it does).</summary>
public sealed class NotFoundException(string detail)
    : ProblemException(StatusCodes.Status404NotFound, "Not found", detail);

/// <summary>409: the command conflicts with the current state (a second ballot, a double booking).</summary>
public sealed class ConflictException(string detail)
    : ProblemException(StatusCodes.Status409Conflict, "Conflict", detail);

/// <summary>412: the caller's <c>If-Match</c> names a version that is no longer current.</summary>
public sealed class PreconditionFailedException(string detail)
    : ProblemException(StatusCodes.Status412PreconditionFailed, "Precondition failed", detail);

/// <summary>400: a request that is malformed in a way model validation cannot see (a bad header).</summary>
public sealed class BadRequestException(string detail)
    : ProblemException(StatusCodes.Status400BadRequest, "Bad request", detail);

/// <summary>403: the token is valid and has the scope, but does not speak for what it asks
/// (another department's data, another citizen's record, a role it lacks).</summary>
public sealed class ForbiddenException(string detail)
    : ProblemException(StatusCodes.Status403Forbidden, "Forbidden", detail);

/// <summary>400 naming one request field the binder accepted but the service cannot (a public key
/// of the wrong curve): answered as a validation problem, <c>errors[field]</c> = the message.</summary>
public sealed class InvalidFieldException(string field, string message)
    : ProblemException(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", message)
{
    /// <summary>The field, as the client names it (camelCase, dotted for nested members).</summary>
    public string Field { get; } = field;
}

/// <summary>503: a dependency needed for the answer is unreachable; the request can be repeated.</summary>
public sealed class ServiceUnavailableException(string detail)
    : ProblemException(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);

/// <summary>409: a request with the same <c>Idempotency-Key</c> is still being processed; retry once it has been answered.</summary>
public sealed class RequestInProgressException(string detail)
    : ProblemException(StatusCodes.Status409Conflict, "Request in progress", detail)
{
    public override string? Type => ProblemTypes.RequestInProgress;
}

/// <summary>422: the <c>Idempotency-Key</c> was already used for another request (another body or route).</summary>
public sealed class IdempotencyKeyReusedException(string detail)
    : ProblemException(StatusCodes.Status422UnprocessableEntity, "Idempotency key reused", detail)
{
    public override string? Type => ProblemTypes.IdempotencyKeyReused;
}
