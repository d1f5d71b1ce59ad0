using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CityServices.ServiceDefaults.Problems;

/// <summary>
/// One problem <c>type</c> URI per kind of error, the identifier a client branches on (RFC 9457
/// §3.1.1), each a section of docs/api-conventions.md. Set here, centrally, for every problem a
/// service writes: a thrown <see cref="ProblemException"/> names its own kind, anything else is
/// named by its status. A new kind is a new URI and a new section; a URI never changes meaning.
/// </summary>
public static class ProblemTypes
{
    /// <summary>The page whose sections document the kinds; each type is this plus the section's anchor.</summary>
    public const string Page = "https://github.com/cityservices/cityservices/blob/main/docs/api-conventions.md";

    /// <summary>400 with <c>errors</c> naming each wrong field of the body, query or route.</summary>
    public const string Validation = Page + "#validation";

    /// <summary>400 about the request as a whole: a malformed header (If-Match, Idempotency-Key), a cursor not issued here.</summary>
    public const string BadRequest = Page + "#bad-request";

    public const string Unauthorized = Page + "#unauthorized";

    public const string Forbidden = Page + "#forbidden";

    public const string NotFound = Page + "#not-found";

    public const string MethodNotAllowed = Page + "#method-not-allowed";

    /// <summary>409: the command conflicts with the current state, or a concurrent writer committed first.</summary>
    public const string Conflict = Page + "#conflict";

    /// <summary>409: a request with the same <c>Idempotency-Key</c> is still being processed.</summary>
    public const string RequestInProgress = Page + "#request-in-progress";

    public const string Gone = Page + "#gone";

    /// <summary>412: <c>If-Match</c> names a version that is no longer current.</summary>
    public const string Stale = Page + "#stale";

    public const string TooLarge = Page + "#too-large";

    public const string UnsupportedMediaType = Page + "#unsupported-media-type";

    /// <summary>422: an <c>Idempotency-Key</c> already used with another request.</summary>
    public const string IdempotencyKeyReused = Page + "#idempotency-key-reused";

    public const string RateLimited = Page + "#rate-limited";

    public const string Internal = Page + "#internal";

    public const string Unavailable = Page + "#unavailable";

    /// <summary>Every kind, for the documentation test.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Validation, BadRequest, Unauthorized, Forbidden, NotFound, MethodNotAllowed, Conflict, RequestInProgress, Gone, Stale,
        TooLarge, UnsupportedMediaType, IdempotencyKeyReused, RateLimited, Internal, Unavailable,
    ];

    /// <summary>
    /// The type of <paramref name="problem"/>: the one it names, unless that is empty or one of the
    /// framework's defaults (links into RFC 9110 per status), which give way to the kind of its status.
    /// </summary>
    public static string Of(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Type is { Length: > 0 } named && !named.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal)
            && named != "about:blank")
        {
            return named;
        }

        return problem.Status switch
        {
            StatusCodes.Status400BadRequest => problem is HttpValidationProblemDetails ? Validation : BadRequest,
            StatusCodes.Status401Unauthorized => Unauthorized,
            StatusCodes.Status403Forbidden => Forbidden,
            StatusCodes.Status404NotFound => NotFound,
            StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
            StatusCodes.Status409Conflict => Conflict,
            StatusCodes.Status410Gone => Gone,
            StatusCodes.Status412PreconditionFailed => Stale,
            StatusCodes.Status413PayloadTooLarge => TooLarge,
            StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
            StatusCodes.Status429TooManyRequests => RateLimited,
            StatusCodes.Status503ServiceUnavailable => Unavailable,
            >= 500 => Internal,
            // A status no kind describes: RFC 9457's "no more than the status says".
            _ => "about:blank",
        };
    }
}
