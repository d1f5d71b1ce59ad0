using System.Net.Http.Json;
using CityServices.EventPipeline.TestService;
using Npgsql;

namespace CityServices.EventPipeline.Tests;

/// <summary>
/// The chart's way: the migrations hook runs the service's image with <c>--migrate</c>, and the
/// pods run with <c>Schema:ApplyOnStart=false</c>. Each test on a database of its own.
/// </summary>
public sealed class SchemaMigrationTests(CityInfrastructure infrastructure)
{
    private const string Schema = "permits";

    // First on purpose: a bare switch before --Key=value arguments must not swallow the next one.
    private const string MigrateSwitch = "--migrate";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Migrate_on_a_fresh_database_creates_the_schema_and_exits_0_and_a_second_run_changes_nothing()
    {
        // given a database without the service's schema
        var postgres = await infrastructure.CreateDatabaseAsync("migrate");

        // when the service runs with --migrate
        var (firstExit, firstOutput) = await MigrateAsync(postgres);

        // then it exits 0 having created the event store
        Assert.True(firstExit == 0, $"--migrate exited {firstExit}:\n{firstOutput}");
        var created = await SchemaObjectsAsync(postgres);
        Assert.Contains("mt_events", created.Keys);
        Assert.Contains("mt_streams", created.Keys);
        Assert.Contains("applied", firstOutput, StringComparison.Ordinal);

        // when it runs again
        var (secondExit, secondOutput) = await MigrateAsync(postgres);

        // then it exits 0 and no object of the schema was created, altered or replaced (a DDL statement rewrites its catalog row)
        Assert.True(secondExit == 0, $"the second --migrate exited {secondExit}:\n{secondOutput}");
        Assert.Equal(created, await SchemaObjectsAsync(postgres));
        Assert.Contains("already in place, nothing changed", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_that_does_not_apply_its_schema_refuses_to_start_on_a_fresh_database_and_says_why()
    {
        // given a database without the service's schema
        var postgres = await infrastructure.CreateDatabaseAsync("noschema");
        await using var app = PermitsApp.Create(Arguments(postgres, "--Schema:ApplyOnStart=false"));

        // when the service starts with Schema:ApplyOnStart=false, as the chart's pods do
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        // then it names what is missing and how to create it
        Assert.Contains($"the event store (schema {Schema})", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Schema:ApplyOnStart is false", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("--migrate", refusal.Message, StringComparison.Ordinal);
        // and created nothing
        Assert.Empty(await SchemaObjectsAsync(postgres));
    }

    [Fact]
    public async Task A_service_that_does_not_apply_its_schema_serves_on_a_migrated_database()
    {
        // given a database migrated by --migrate
        var postgres = await infrastructure.CreateDatabaseAsync("migrated");
        var (exit, output) = await MigrateAsync(postgres);
        Assert.True(exit == 0, $"--migrate exited {exit}:\n{output}");

        // when the service starts with Schema:ApplyOnStart=false and takes a command
        await using var host = await ServiceHost.StartAsync(infrastructure, PermitsApp.Create, "migrated",
            new ServiceHostOptions { Postgres = postgres, Settings = ["--Schema:ApplyOnStart=false"] });
        using var response = await host.Http.PostAsJsonAsync("/api/permits/permits", new ApplyForPermit("Ada", "kiosk"), TestContext.Current.CancellationToken);

        // then the command is stored in the migrated event store
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var session = host.Get<IDocumentStore>().QuerySession();
        Assert.Equal(1, (await session.Events.FetchStreamStateAsync(
            (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid(),
            TestContext.Current.CancellationToken))!.Version);
    }

    private async Task<(int ExitCode, string Output)> MigrateAsync(string postgres)
    {
        using var process = RelayProcess.Start(
            [MigrateSwitch, .. Arguments(postgres), "--Logging:LogLevel:CityServices.Schema=Information"]);
        var exitCode = await process.ExitCodeAsync(Patience);
        return (exitCode, process.Output);
    }

    private string[] Arguments(string postgres, params string[] settings) =>
        ServiceHost.Arguments(infrastructure, postgres, CityInfrastructure.NewPrefix("schema"), new ServiceHostOptions { Settings = settings });

    /// <summary>Every table, index, sequence and function of the service's schema with its catalog row's version (xmin).</summary>
    private static async Task<Dictionary<string, string>> SchemaObjectsAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = new NpgsqlCommand(
            """
            select c.relname, c.xmin::text from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1
            union all
            select p.proname || '(' || p.oid::text || ')', p.xmin::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = $1
            """, connection);
        query.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Schema });
        var objects = new Dictionary<string, string>();
        await using var reader = await query.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            objects[reader.GetString(0)] = reader.GetString(1);
        }

        return objects;
    }
}
