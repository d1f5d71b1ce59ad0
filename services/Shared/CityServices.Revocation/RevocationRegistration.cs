using CityServices.Revocation.Bootstrap;
using CityServices.ServiceDefaults;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CityServices.Revocation;

/// <summary>
/// Revocation in two calls, made by the shared building blocks (the event pipeline, the gateway),
/// never by a service: the feed on the bus, and the check on every validated bearer token.
/// </summary>
public static class RevocationRegistration
{
    /// <summary>
    /// Subscribes this process to identity's card and staff events on a queue of its own: temporary
    /// (not durable, deleted with the connection) and uniquely named, so replicas do not compete;
    /// and reads identity's revocation list at start and whenever that queue is bound again
    /// (<see cref="RevocationSync"/>), so what was revoked before or while it was gone is known too.
    /// </summary>
    /// <param name="bus">The bus registration.</param>
    /// <param name="entityPrefix">The broker's entity prefix (<c>Messaging:EntityPrefix</c>).</param>
    public static IBusRegistrationConfigurator AddRevocationFeed(this IBusRegistrationConfigurator bus, string entityPrefix)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var queue = $"{entityPrefix}revocations-{Guid.NewGuid():N}";
        bus.AddConsumer<RevocationFeed>().Endpoint(endpoint =>
        {
            endpoint.Name = queue;
            endpoint.Temporary = true;
        });

        bus.AddOptions<RevocationOptions>().BindConfiguration(RevocationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        bus.AddHttpClient<IRevocationSource, HttpRevocationSource>();
        bus.AddSingleton<RevocationSyncRequests>();
        bus.AddSingleton<RevocationSync>();
        bus.AddHostedService(services => services.GetRequiredService<RevocationSync>());
        bus.AddReceiveEndpointObserver(services => new FeedReconnected(queue, services.GetRequiredService<RevocationSyncRequests>()));
        return bus;
    }

    /// <summary>
    /// Refuses, with 401, a bearer token that <see cref="RevokedCredentials"/> refuses. Runs after the
    /// signature and lifetime checks, from memory: no request waits on identity.
    /// </summary>
    public static IHostApplicationBuilder AddRevocationCheck(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<RevokedCredentials>();
        // ServiceDefaults registers it too; a headless host (a test's probe) may not call them.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddTelemetrySource(RevocationSync.MeterName);
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            var validated = jwt.Events.OnTokenValidated;
            jwt.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                var revoked = context.HttpContext.RequestServices.GetRequiredService<RevokedCredentials>();
                if (context.Result is null && context.Principal is { } user && revoked.Refusal(user) is { } reason)
                {
                    context.Fail(reason);
                }
            };
        });
        return builder;
    }
}
