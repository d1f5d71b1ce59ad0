using System.Globalization;
using CityServices.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace CityServices.Gateway.Limits;

/// <summary>
/// Refuses a body whose declared length is over the limit before anything is forwarded: the
/// service never sees a request the gateway would cut off halfway. The limit is Kestrel's
/// (<c>Kestrel:Limits:MaxRequestBodySize</c>, 1 MB in appsettings.json) or a route's own
/// <c>MaxRequestBodySize</c>. A chunked body is counted as it streams; going over it ends the
/// same way (see <c>ProxyErrorProblems</c>).
/// </summary>
internal static class RequestBodyLimit
{
    public static IReverseProxyApplicationBuilder UseRequestBodyLimit(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use((context, next) =>
        {
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            if (limit is { } max && context.Request.ContentLength is { } length && length > max)
            {
                throw new PayloadTooLargeException(TooLarge(max, length));
            }

            return next(context);
        });
        return proxy;
    }

    public static string TooLarge(long limit, long? length = null) =>
        length is { } declared
            ? string.Create(CultureInfo.InvariantCulture, $"The request body is {declared} bytes; this route accepts at most {limit} bytes.")
            : string.Create(CultureInfo.InvariantCulture, $"The request body is larger than this route accepts ({limit} bytes).");
}

/// <summary>413: the request body is over the gateway's limit for the route.</summary>
public sealed class PayloadTooLargeException(string detail)
    : ProblemException(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail);
