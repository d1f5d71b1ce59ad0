namespace CityServices.ServiceDefaults.Schema;

/// <summary>Who creates the service's schema (section <c>Schema</c>).</summary>
public sealed class SchemaOptions
{
    public const string Section = "Schema";

    /// <summary>The command-line switch that runs the migrations and exits, instead of serving.</summary>
    public const string MigrateSwitch = "--migrate";

    /// <summary>
    /// Whether the service creates or updates its schema while it starts. True by default, so
    /// <c>./city up</c> and the tests work on a fresh database; the chart sets it to false: its
    /// migrations hook runs <c>--migrate</c> once before an install or upgrade, and a pod then
    /// refuses to start on a database that lacks its schema rather than create it.
    /// </summary>
    public bool ApplyOnStart { get; set; } = true;

    /// <summary>Run the migrations and exit (what <c>--migrate</c> sets).</summary>
    public bool Migrate { get; set; }

    /// <summary>
    /// The arguments with <c>--migrate</c> turned into <c>--Schema:Migrate=true</c>: the
    /// command-line configuration would otherwise read a bare switch as a key whose value is the
    /// next argument.
    /// </summary>
    public static string[] ReadSwitch(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Select(arg => arg == MigrateSwitch ? $"--{Section}:{nameof(Migrate)}=true" : arg)];
    }
}
