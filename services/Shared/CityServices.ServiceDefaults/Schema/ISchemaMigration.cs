namespace CityServices.ServiceDefaults.Schema;

/// <summary>
/// One part of a service's database schema (its event store, the ledger's log, the token server's
/// tables) that the service can create or bring up to date, and check without changing anything.
/// Registered with <c>services.AddSchemaMigration&lt;T&gt;()</c>; applied in registration order by
/// <c>--migrate</c>, or at start while <c>Schema:ApplyOnStart</c> is true.
/// </summary>
public interface ISchemaMigration
{
    /// <summary>What it creates, as an operator reads it in a log line: "the event store (schema permits)".</summary>
    string Describes { get; }

    /// <summary>Creates or updates the schema part; idempotent, and safe while other replicas do the same.</summary>
    Task ApplyAsync(CancellationToken cancellationToken);

    /// <summary>How the database's copy of this part compares with what this build expects; changes nothing.</summary>
    Task<SchemaCheck> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="ISchemaMigration.CheckAsync"/>.</summary>
public enum SchemaState
{
    /// <summary>Exactly what this build expects.</summary>
    InPlace,

    /// <summary>
    /// Everything this build uses exists, but differs from what it would write: expected after a
    /// rollback (an older build on a schema a newer one extended), or before a migration that only
    /// changes definitions. The service starts, with a warning.
    /// </summary>
    Differs,

    /// <summary>Tables or other objects this build uses do not exist: the service cannot work.</summary>
    Missing,
}

/// <summary>A state and, unless in place, what differs or is missing, in a sentence.</summary>
public sealed record SchemaCheck(SchemaState State, string Detail)
{
    public static readonly SchemaCheck InPlace = new(SchemaState.InPlace, "in place");
}
