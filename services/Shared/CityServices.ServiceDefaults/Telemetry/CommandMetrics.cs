using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>
/// The service's own domain metric: <c>city.commands</c> (Prometheus <c>city_commands_total</c>) on
/// the service's meter, counting every command route's answers by <c>command</c> (the route's
/// name), <c>outcome</c> (<c>accepted</c> 2xx, <c>refused</c> 4xx, <c>failed</c> 5xx) and
/// <c>status</c>. HTTP metrics count requests; this counts decisions, so a spike of refused
/// registrations or failed erasures shows by name.
/// </summary>
public sealed class CommandMetrics
{
    public const string InstrumentName = "city.commands";

    /// <summary>Commands sent with an <c>Idempotency-Key</c>, by <c>command</c> and <c>outcome</c> (never the key or a body).</summary>
    public const string IdempotentInstrumentName = "city.commands.idempotent";

    private readonly Counter<long> _commands;
    private readonly Counter<long> _idempotent;

    internal CommandMetrics(IMeterFactory meters, string serviceName)
    {
        var meter = meters.Create(serviceName);
        _commands = meter.CreateCounter<long>(InstrumentName, "{command}", "Commands answered, by command, outcome and status.");
        _idempotent = meter.CreateCounter<long>(IdempotentInstrumentName, "{command}",
            "Commands sent with an Idempotency-Key, by command and outcome: stored, replayed, reused (422), in-progress (409), not-stored (an error answer).");
    }

    /// <summary>Counts what became of a command sent with an <c>Idempotency-Key</c>.</summary>
    public void RecordIdempotent(string command, string outcome) =>
        _idempotent.Add(1,
            new KeyValuePair<string, object?>("command", command),
            new KeyValuePair<string, object?>("outcome", outcome));

    internal void Record(string command, int status) =>
        _commands.Add(1,
            new KeyValuePair<string, object?>("command", command),
            new KeyValuePair<string, object?>("outcome", status switch
            {
                < 400 => "accepted",
                < 500 => "refused",
                _ => "failed",
            }),
            new KeyValuePair<string, object?>("status", status));
}

/// <summary>Marks a route as a command, so <see cref="CommandMetrics"/> counts its answers.</summary>
public sealed class CommandEndpointMetadata
{
    private CommandEndpointMetadata()
    {
    }

    public static CommandEndpointMetadata Instance { get; } = new();
}

public static class CommandMetricsExtensions
{
    /// <summary>Counts this route's answers in <c>city.commands</c> under its endpoint name.</summary>
    public static RouteHandlerBuilder CountedAsCommand(this RouteHandlerBuilder route) =>
        route.WithMetadata(CommandEndpointMetadata.Instance);

    internal static void AddCommandMetrics(this IHostApplicationBuilder builder, string serviceName) =>
        builder.Services.AddSingleton(services => new CommandMetrics(services.GetRequiredService<IMeterFactory>(), serviceName));

    /// <summary>
    /// Records each command's final status when its response completes: after the exception
    /// handler and status-code pages have turned a thrown refusal into its problem answer.
    /// </summary>
    internal static void UseCommandMetrics(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<CommandMetrics>();
        app.Use((context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<CommandEndpointMetadata>() is not null)
            {
                var command = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName ?? "unnamed";
                context.Response.OnCompleted(() =>
                {
                    metrics.Record(command, context.Response.StatusCode);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
    }
}
