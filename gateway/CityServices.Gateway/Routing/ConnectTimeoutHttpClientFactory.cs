using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace CityServices.Gateway.Routing;

/// <summary>
/// YARP's client, with a connect timeout (<c>Gateway:ConnectTimeout</c>) that its configuration
/// lacks: a refused connection fails at once, but an address that drops packets would otherwise
/// hold the request for the operating system's minutes of SYN retries instead of answering 503.
/// Each cluster's <c>HttpRequest:ActivityTimeout</c> bounds the rest of the exchange (then 504).
/// </summary>
internal sealed class ConnectTimeoutHttpClientFactory(IOptions<GatewayOptions> options, ILogger<ForwarderHttpClientFactory> logger)
    : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = options.Value.ConnectTimeout;
    }
}
