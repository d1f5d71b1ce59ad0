using System.Text.Json;
using CityServices.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Turns every exception that escapes an endpoint into a problem. Only a
/// <see cref="ProblemException"/>'s message, written for the client, is ever shown; anything else
/// becomes a bare 500 in every environment, Development included, so no stack trace or internal
/// message can leak through a misconfigured deployment.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            InvalidFieldException field => FieldProblem(field.Field, field.Message),
            ProblemException known => new ProblemDetails
            {
                Status = known.StatusCode, Title = known.Title, Detail = known.Message, Type = known.Type, Extensions = known.Extensions,
            },
            BadHttpRequestException { InnerException: RefusedTextException text } => FieldProblem(FieldOf(text.Path), $"The text {text.Refusal}"),
            // JSON that does not fit the request type: name the field, in words of our own (the
            // serializer's message names CLR types).
            BadHttpRequestException { InnerException: JsonException json } => FieldProblem(FieldOf(json.Path),
                json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "This field is not part of the request."
                : json.Message.Contains("Duplicate", StringComparison.Ordinal) ? "This field is given more than once."
                : "The value is malformed or of the wrong type (dates are yyyy-mm-dd, ids are UUIDs)."),
            // A missing or unbindable parameter: the framework's message names the parameter and
            // what was expected, and nothing of the service's internals.
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } badRequest =>
                new ProblemDetails { Status = badRequest.StatusCode, Detail = badRequest.Message },
            // A body over the size limit, a request timeout: the status says it.
            BadHttpRequestException badRequest => new ProblemDetails { Status = badRequest.StatusCode },
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "An unexpected error occurred.",
                Detail = "The error has been logged; quote the traceId when reporting it.",
            },
        };

        httpContext.Response.StatusCode = problem.Status!.Value;
        await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        // Handled even when the client accepts no JSON: the status code alone is then the answer.
        return true;
    }

    private static HttpValidationProblemDetails FieldProblem(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] }) { Status = StatusCodes.Status400BadRequest };

    // "$.birthDate" → "birthDate"; "$.publicKey.crv" → "publicKey.crv"; "$" → the body as a whole.
    private static string FieldOf(string? path) => path is { Length: > 2 } ? path[2..] : "body";
}
