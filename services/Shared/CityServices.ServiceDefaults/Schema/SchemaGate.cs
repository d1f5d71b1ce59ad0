using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityServices.ServiceDefaults.Schema;

/// <summary>
/// While the host is starting, before any hosted service starts (no consumer or worker meets a
/// missing table): applies the service's migrations when <c>Schema:ApplyOnStart</c> is true,
/// otherwise checks them. A missing part stops the start with a message naming it and how to
/// create it; a part that only differs (an older build after a rollback) is a warning.
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
            var check = await migration.CheckAsync(cancellationToken);
            if (check.State == SchemaState.Missing)
            {
                missing.Add($"{migration.Describes}: {check.Detail}");
            }
            else if (check.State == SchemaState.Differs)
            {
                LogDiffers(logger, migration.Describes, check.Detail);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schema: {Describes} differs from what this build would write ({Detail}); "
        + "expected after a rollback to an older version, otherwise run --migrate")]
    private static partial void LogDiffers(ILogger logger, string describes, string detail);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogMissingSchema(ILogger logger, string message);
}
