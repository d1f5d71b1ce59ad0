using System.Text.Json;

namespace CityServices.Identity.Http;

/// <summary>
/// Turns malformed request bodies into 400 validation problems that name the offending field, in
/// every environment: an unknown member, a date that is not yyyy-mm-dd, a key that is not P-256.
/// The framework alone would answer a bare 400 outside Development.
/// </summary>
public static class RequestProblems
{
    public static void AddRequestProblems(this IHostApplicationBuilder builder) =>
        // Binding failures throw (instead of a silent 400) so the middleware below can explain them.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

    public static void UseRequestProblems(this WebApplication app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.InnerException is JsonException json && !context.Response.HasStarted)
        {
            // The exception's own message names CLR types: the client gets a message of its own.
            var unknown = json.Message.Contains("could not be mapped", StringComparison.Ordinal);
            await WriteAsync(context, FieldOf(json.Path), unknown
                ? "This field is not part of the request."
                : "The value is malformed or of the wrong type (dates are yyyy-mm-dd, ids are UUIDs).");
        }
        catch (InvalidRequestException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.Field, e.Message);
        }
    });

    private static Task WriteAsync(HttpContext context, string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }).ExecuteAsync(context);

    // "$.birthDate" → "birthDate"; "$.publicKey.crv" → "publicKey.crv"; "$" → the body as a whole.
    private static string FieldOf(string? path) => path is { Length: > 2 } ? path[2..] : "body";
}
