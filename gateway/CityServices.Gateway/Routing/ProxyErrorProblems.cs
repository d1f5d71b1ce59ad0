using CityServices.Gateway.Limits;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace CityServices.Gateway.Routing;

/// <summary>
/// Turns YARP's bare error statuses into problems that say which service failed and how, without
/// internals: no healthy instance or no connection → 503, no answer in time → 504, an answer that
/// broke off → 502, a streamed body over the limit → 413. A client that went away gets nothing.
/// YARP has already logged the failure with its exception, under the request's trace id.
/// </summary>
internal static class ProxyErrorProblems
{
    public static IReverseProxyApplicationBuilder UseProxyErrorProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next(context);
            var error = context.GetForwarderErrorFeature();
            if (error is null || context.Response.HasStarted)
            {
                return;
            }

            var service = context.GetReverseProxyFeature().Route.Cluster?.ClusterId ?? "unknown";
            var problem = Describe(error, service, context);
            if (problem is null)
            {
                return;
            }

            context.Response.StatusCode = problem.Value.Status;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = problem.Value.Status, Title = problem.Value.Title, Detail = problem.Value.Detail },
            });
        });
        return proxy;
    }

    private static (int Status, string Title, string Detail)? Describe(IForwarderErrorFeature error, string service, HttpContext context) => error.Error switch
    {
        ForwarderError.NoAvailableDestinations => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            $"No healthy instance of the {service} service is available; retry later."),
        ForwarderError.Request => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            $"The {service} service could not be reached; retry later."),
        ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, "Gateway timeout",
            $"The {service} service did not answer in time."),
        ForwarderError.RequestBodyClient when IsBodyTooLarge(error.Exception) =>
            (StatusCodes.Status413PayloadTooLarge, "Payload too large",
                RequestBodyLimit.TooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0)),
        ForwarderError.RequestBodyClient => (StatusCodes.Status400BadRequest, "Bad request",
            "The request body could not be read."),
        // The client is gone: nobody would read an answer.
        ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
            or ForwarderError.ResponseBodyClient => null,
        _ => (StatusCodes.Status502BadGateway, "Bad gateway",
            $"The {service} service's answer broke off; retry later."),
    };

    /// <summary>Kestrel's 413 arrives wrapped by the copy that read the body.</summary>
    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }
}
