using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityServices.ServiceDefaults.Schema;

/// <summary>
/// While the host is starting, before any hosted service starts (no consumer or worker meets a
/// missing table): applies the service's migrations when <c>Schema:ApplyOnStart</c> is true,
/// otherwise checks them and refuses to start, naming what is missing and how to create it.
/// </summary>
internal sealed partial class SchemaGate(
    IEnumerable<ISchemaMigration> migrations, IOptions<SchemaOptions> options, ILogger<SchemaGate> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ApplyOnStart)
        {
            foreach (var migration in migrations)
            {
                await migration.ApplyAsync(cancellationToken);
            }

            return;
        }

        var missing = new List<string>();
        foreach (var migration in migrations)
        {
            if (await migration.FindMissingAsync(cancellationToken) is { } what)
            {
                missing.Add($"{migration.Describes}: {what}");
            }
        }

        if (missing.Count > 0)
        {
            var message = MissingSchemaMessage(missing);
            LogMissingSchema(logger, message);
            throw new InvalidOperationException(message);
        }
    }

    public static string MissingSchemaMessage(IEnumerable<string> missing) =>
        $"The database lacks this service's schema ({string.Join("; ", missing)}). "
        + $"{SchemaOptions.Section}:{nameof(SchemaOptions.ApplyOnStart)} is false, so the service does not create it itself: "
        + $"run the same image once with {SchemaOptions.MigrateSwitch} (the chart's migrations hook does, before every install and upgrade), then start it.";

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogMissingSchema(ILogger logger, string message);
}
