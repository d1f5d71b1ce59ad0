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

    /// <summary>What is missing or out of date, in a sentence; null when the database already holds this part as the code needs it.</summary>
    Task<string?> FindMissingAsync(CancellationToken cancellationToken);
}
