using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CityServices.Gateway.Security;

/// <summary>
/// CORS is closed unless <c>Gateway:Cors:AllowedOrigins</c> lists origins: without the middleware no
/// response carries <c>Access-Control-Allow-Origin</c>, so browsers on other sites cannot read the API.
/// The gateway alone decides: services' own CORS headers are dropped on the way out (see
/// <c>GatewayProxy</c>).
/// </summary>
internal static class GatewayCors
{
    /// <summary>Response headers a browser script may read besides the CORS-safelisted ones.</summary>
    private static readonly string[] ExposedHeaders =
        ["traceresponse", "Retry-After", "ETag", "Location", "WWW-Authenticate", "Link", "Idempotent-Replayed"];

    public static void AddGatewayCors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<GatewayOptions>>((cors, gateway) =>
        {
            var origins = gateway.Value.Cors.AllowedOrigins
                .Select(origin => new Uri(origin).GetLeftPart(UriPartial.Authority))
                .ToArray();
            // Bearer tokens travel in a header, never in cookies: credentials mode stays off.
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins(origins)
                .AllowAnyMethod()
                .WithHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "traceparent", "tracestate")
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));
        });
    }

    public static void UseGatewayCors(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.Cors.AllowedOrigins.Count > 0)
        {
            app.UseCors();
        }
    }
}
