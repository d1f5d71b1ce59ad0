using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Binds <c>Kestrel:Limits</c> (e.g. <c>Kestrel:Limits:MaxRequestBodySize</c>, 30 MB unless set).
/// The host binds only Kestrel's endpoints from configuration, not its limits, so without this the
/// documented keys would silently do nothing.
/// </summary>
internal static class RequestLimitsDefaults
{
    public const string LimitsSection = "Kestrel:Limits";

    public static void AddRequestLimitsDefaults(this IHostApplicationBuilder builder) =>
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
            builder.Configuration.GetSection(LimitsSection).Bind(kestrel.Limits));
}
