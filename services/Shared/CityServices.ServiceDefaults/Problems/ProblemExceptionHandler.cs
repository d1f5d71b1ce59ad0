using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using CityServices.ServiceDefaults.Problems;

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
            ProblemException known => new ProblemDetails { Status = known.StatusCode, Title = known.Title, Detail = known.Message },
            // Unreadable JSON, a missing required value, a body over the size limit: the client's fault.
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
}
