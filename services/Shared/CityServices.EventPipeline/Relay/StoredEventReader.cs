using System.Data;
using System.Runtime.CompilerServices;
using Npgsql;

namespace CityServices.EventPipeline.Relay;

/// <summary>
/// Reads events straight from Marten's <c>mt_events</c> table with the data as stored (jsonb
/// text), for the outbox relay and the audit export alike.
/// </summary>
public sealed class StoredEventReader(NpgsqlDataSource dataSource, string schema)
{
    /// <summary>The service's event store schema.</summary>
    public string Schema => schema;

    private string SelectColumns =>
        $"select seq_id, id, stream_id, version, type, timestamp, data::text from \"{schema}\".mt_events";

    /// <summary>The events with these sequence numbers, keyed by sequence.</summary>
    public async Task<IReadOnlyDictionary<long, StoredEvent>> ReadAsync(IReadOnlyCollection<long> sequences, CancellationToken ct)
    {
        var events = new Dictionary<long, StoredEvent>(sequences.Count);
        await using var command = dataSource.CreateCommand($"{SelectColumns} where seq_id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = sequences.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var stored = Read(reader);
            events[stored.Sequence] = stored;
        }

        return events;
    }

    /// <summary>
    /// Streams events after <paramref name="afterSequence"/> in sequence order, row by row, so an
    /// export of a million events never sits in memory.
    /// </summary>
    public async IAsyncEnumerable<StoredEvent> StreamAfterAsync(
        long afterSequence, int limit, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"{SelectColumns} where seq_id > $1 order by seq_id limit $2");
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            yield return Read(reader);
        }
    }

    private static StoredEvent Read(NpgsqlDataReader reader) => new(
        Sequence: reader.GetInt64(0),
        EventId: reader.GetGuid(1),
        StreamId: reader.GetGuid(2),
        StreamVersion: reader.GetInt64(3),
        EventType: reader.GetString(4),
        RecordedAt: reader.GetFieldValue<DateTimeOffset>(5),
        Data: reader.GetString(6));
}
