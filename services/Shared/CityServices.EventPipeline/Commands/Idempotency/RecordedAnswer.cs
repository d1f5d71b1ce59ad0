using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CityServices.EventPipeline.Commands.Idempotency;

/// <summary>
/// An answer held back until the command's transaction commits: the handler's result is run into a
/// buffer (status and headers land on the response, which has not started), and only after the commit
/// is the body written. A failed commit therefore never leaves a success on the wire.
/// </summary>
internal sealed class RecordedAnswer : IResult
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    private readonly byte[] _body;
    private readonly IdempotentAnswer? _replayed;

    private RecordedAnswer(int status, byte[] body, IdempotentAnswer? replayed)
    {
        Status = status;
        _body = body;
        _replayed = replayed;
    }

    public int Status { get; }

    /// <summary>Runs <paramref name="result"/> into a buffer; the response keeps its status and headers.</summary>
    public static async Task<RecordedAnswer> CaptureAsync(HttpContext http, IResult result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        return new RecordedAnswer(http.Response.StatusCode, buffer.ToArray(), null);
    }

    /// <summary>The stored first answer, sent again with <c>Idempotent-Replayed: true</c>.</summary>
    public static RecordedAnswer Replay(IdempotentAnswer stored) => new(stored.Status, stored.Body, stored);

    /// <summary>What to store of this answer under its key.</summary>
    public IdempotentAnswer ToStored(HttpResponse response, string id, string fingerprint, DateTimeOffset now, TimeSpan retention) =>
        new(id, fingerprint, Status, Header(response, HeaderNames.Location), Header(response, HeaderNames.ETag), response.ContentType, _body,
            now, now + retention);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        if (_replayed is { } stored)
        {
            response.StatusCode = stored.Status;
            SetIfPresent(response, HeaderNames.Location, stored.Location);
            SetIfPresent(response, HeaderNames.ETag, stored.ETag);
            SetIfPresent(response, HeaderNames.ContentType, stored.ContentType);
            response.Headers[ReplayedHeader] = "true";
        }

        if (_body.Length > 0)
        {
            response.ContentLength = _body.Length;
            await response.Body.WriteAsync(_body, httpContext.RequestAborted);
        }
    }

    private static string? Header(HttpResponse response, string name) =>
        response.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;

    private static void SetIfPresent(HttpResponse response, string name, string? value)
    {
        if (value is not null)
        {
            response.Headers[name] = value;
        }
    }
}
