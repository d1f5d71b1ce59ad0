using CityServices.EventPipeline.Catalog;
using CityServices.EventPipeline.Commands.Idempotency;
using CityServices.EventPipeline.Consumers;
using CityServices.EventPipeline.Messaging;
using CityServices.EventPipeline.Relay;
using CityServices.EventPipeline.Storage;
using CityServices.Revocation;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Schema;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Core;

namespace CityServices.EventPipeline;

/// <summary>
/// One call gives a service the whole event path: its Marten event store, the outbox relay to
/// RabbitMQ, idempotent consumers and the audit export's reader. The service writes its domain.
/// </summary>
public static class EventPipelineExtensions
{
    public const string PostgresConnectionName = "Postgres";
    public const string RabbitMqConnectionName = "RabbitMq";

    /// <param name="builder">The service's host builder.</param>
    /// <param name="service">The service's descriptor: its alias names it in leaf records and its schema.</param>
    /// <param name="recordEvents">Registers every event type the service stores (and what it publishes).</param>
    /// <param name="addConsumers">Registers the service's consumers, one line each: <c>consumers.AddCityConsumer&lt;X&gt;()</c>.</param>
    /// <returns>The catalog, for mapping the audit export.</returns>
    public static EventCatalog AddEventPipeline(
        this IHostApplicationBuilder builder,
        CityService service,
        Action<EventCatalog> recordEvents,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        return builder.AddEventPipeline(service.Alias, recordEvents, addConsumers);
    }

    /// <param name="builder">The service's host builder.</param>
    /// <param name="service">The service alias, e.g. <c>health-records</c>.</param>
    /// <param name="recordEvents">Registers every event type the service stores (and what it publishes).</param>
    /// <param name="addConsumers">Registers the service's consumers, each with its definition.</param>
    /// <returns>The catalog, for mapping the audit export.</returns>
    public static EventCatalog AddEventPipeline(
        this IHostApplicationBuilder builder,
        string service,
        Action<EventCatalog> recordEvents,
        Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(recordEvents);
        var catalog = new EventCatalog(service);
        recordEvents(catalog);

        var postgres = RequiredConnectionString(builder.Configuration, PostgresConnectionName);
        // Validated when the host starts, before the daemon does; read here because Marten's
        // registration needs the values (schema, page size) up front.
        builder.AddValidatedOptions<EventStoreOptions>(EventStoreOptions.Section);
        var storeOptions = builder.Configuration.GetSection(EventStoreOptions.Section).Get<EventStoreOptions>() ?? new();
        var schema = storeOptions.Schema ?? service.Replace('-', '_');
        // Off in the chart: the migrations hook creates the schema, and Marten must not create it behind its back.
        var applySchemaOnStart = builder.Configuration.GetValue($"{SchemaOptions.Section}:{nameof(SchemaOptions.ApplyOnStart)}", true);

        var dataSource = NpgsqlDataSource.Create(postgres);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton(new StoredEventReader(dataSource, schema));
        builder.Services.AddSingleton<OutboxLag>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxLag>());

        builder.Services.AddMarten(options =>
            {
                options.Connection(dataSource);
                options.DatabaseSchemaName = schema;
                // Event data is a public format (hashed, exported): camelCase members, enums by name.
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.EnableUniqueIndexOnEventId = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.AutoCreateSchemaObjects = applySchemaOnStart ? AutoCreate.CreateOrUpdate : AutoCreate.None;
                foreach (var registration in catalog.Registrations)
                {
                    options.Events.MapEventType(registration.EventType, registration.Alias);
                }

                options.Schema.For<ProcessedMessage>().Identity(m => m.Id);
                options.Listeners.Add(new TraceContextListener());
            })
            .UseLightweightSessions()
            .AddSubscriptionWithServices<OutboxRelay>(ServiceLifetime.Singleton, relay =>
            {
                relay.Name = OutboxRelay.SubscriptionName;
                relay.Options.BatchSize = storeOptions.RelayBatchSize;
            })
            // Hot/cold: with several replicas exactly one runs the relay, and another takes over
            // (through a PostgreSQL advisory lock) when it dies.
            .AddAsyncDaemon(storeOptions.RunRelay ? DaemonMode.HotCold : DaemonMode.Disabled);

        // Created by --migrate, or at start while Schema:ApplyOnStart is true (ServiceDefaults' schema gate).
        builder.Services.AddSchemaMigration<EventStoreMigration>();

        builder.AddIdempotentCommands();

        // Every service with an event store takes tokens: it follows identity's revocations and refuses them.
        builder.AddRevocationCheck();
        builder.AddCityMessaging(addConsumers, followRevocations: true);
        return catalog;
    }

    /// <summary>
    /// MassTransit on RabbitMQ alone, for a service that consumes and publishes but keeps no event
    /// store (the ledger); <c>AddEventPipeline</c> calls it too. Durable entities named with
    /// <c>Messaging:EntityPrefix</c>, publisher confirms, consumers' broker policy in their definitions.
    /// </summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="addConsumers">Registers the service's consumers, each with its definition.</param>
    /// <param name="followRevocations">Keep this process's view of revoked cards and roles from identity's events (a temporary queue of its own).</param>
    public static IHostApplicationBuilder AddCityMessaging(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? addConsumers = null, bool followRevocations = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var rabbitMq = RequiredConnectionString(builder.Configuration, RabbitMqConnectionName);
        // Validated when the host starts, before the bus does; read here because MassTransit's
        // registration needs the prefix up front.
        builder.AddValidatedOptions<MessagingOptions>(MessagingOptions.Section);
        var messagingOptions = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new();

        builder.AddTelemetrySource(OutboxRelay.ActivitySourceName);
        builder.Services.AddHostedService<BrokerConnectivity>();
        builder.Services.AddMassTransit(bus =>
        {
            // The broker's state shows on /health/ready as Degraded, never Unhealthy: a request needs the
            // database alone, writes wait in the outbox, so an outage is a metric and an alert
            // (city_messaging_broker_connected), not a reason for Kubernetes or the gateway to stop traffic.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.MinimalFailureStatus = HealthStatus.Degraded;
            });
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(messagingOptions.EntityPrefix, includeNamespace: false));
            addConsumers?.Invoke(bus);
            if (followRevocations)
            {
                bus.AddRevocationFeed(messagingOptions.EntityPrefix);
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                ConfigureHost(rabbit, new Uri(rabbitMq));
                if (messagingOptions.EntityPrefix.Length > 0)
                {
                    rabbit.MessageTopology.SetEntityNameFormatter(
                        new PrefixEntityNameFormatter(rabbit.MessageTopology.EntityNameFormatter, messagingOptions.EntityPrefix));
                }

                rabbit.ConfigureEndpoints(context);
            });
        });

        return builder;
    }

    /// <summary>Points MassTransit at the broker from an AMQP URI with publisher confirms on.</summary>
    public static void ConfigureHost(IRabbitMqBusFactoryConfigurator rabbit, Uri amqp)
    {
        ArgumentNullException.ThrowIfNull(rabbit);
        ArgumentNullException.ThrowIfNull(amqp);
        var credentials = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        var virtualHost = amqp.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
        rabbit.Host(amqp.Host, (ushort)(amqp.IsDefaultPort ? 5672 : amqp.Port), virtualHost, host =>
        {
            if (credentials.Length == 2)
            {
                host.Username(credentials[0]);
                host.Password(credentials[1]);
            }

            // A publish completes only when the broker has taken responsibility for the message.
            host.PublisherConfirmation = true;
        });
    }

    private static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new OptionsValidationException(name, typeof(string), [$"ConnectionStrings:{name} is required."]);
}
