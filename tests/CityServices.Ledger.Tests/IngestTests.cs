using System.Text;
using System.Text.RegularExpressions;
using CityServices.Ledger.Log.Ingest;
using MassTransit;
using RabbitMQ.Client;

namespace CityServices.Ledger.Tests;

public sealed partial class IngestTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly string _prefix = CityInfrastructure.NewPrefix("ledger-ingest");
    private readonly int _metricsPort = Loopback.FreePort();
    private LedgerDatabase _database = null!;
    private ServiceHost _ledger = null!;
    private RecordedEvents _relay = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await infrastructure.CreateDatabaseAsync("ledger_ingest");
        _database = new LedgerDatabase(postgres);
        _ledger = await TestLedger.StartAsync(infrastructure, postgres, _prefix, $"--Metrics:Port={_metricsPort}");
        _relay = await RecordedEvents.StartAsync(infrastructure, _prefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _relay.DisposeAsync();
        await _ledger.DisposeAsync();
    }

    [Fact]
    public async Task Published_events_are_appended_once_each_as_a_sound_tree()
    {
        // given 1,500 recorded events from two services
        var events = RecordedEvents.Random(900, "health-records").Concat(RecordedEvents.Random(600, "trade")).ToList();

        // when their relays publish them
        await _relay.PublishAsync(events);

        // then each is a leaf, at consecutive indices, and the stored nodes are the reference tree's
        await Eventually.UntilAsync(_database.TreeSizeAsync, size => size >= events.Count, "1,500 leaves");
        await LogAssertions.AssertWholeAsync(_database, events);

        // and the metrics say so, once the consumer that committed the last batch has counted it
        // (the leaves are visible in the database a moment before the ingest records its metrics)
        var metrics = await Eventually.UntilAsync(
            () => _ledger.Http.GetStringAsync(new Uri($"http://127.0.0.1:{_metricsPort}/metrics"), Ct),
            text => TreeSizeMetric().IsMatch(text),
            "ledger_tree_size 1500 in the metrics");
        Assert.Contains("ledger_leaves_appended_total", metrics, StringComparison.Ordinal);
        Assert.Contains("ledger_ingest_batch_duration_seconds_bucket", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redelivered_and_republished_events_append_nothing()
    {
        // given 300 events in the log
        var events = RecordedEvents.Random(300);
        await _relay.PublishAsync(events);
        await Eventually.UntilAsync(_database.TreeSizeAsync, size => size >= 300, "300 leaves");

        // when the same messages arrive again (a relay crash), and then copies under new message ids
        await _relay.PublishAsync(events);
        await _relay.PublishAsync(events, freshMessageIds: true);
        var marker = RecordedEvents.Random(1);
        await _relay.PublishAsync(marker);

        // then only the marker was appended: once it is a leaf, every copy queued before it was
        // handled too (one replica takes batches in queue order, one batch at a time)
        await LogAssertions.WaitForLeafAsync(_database, marker[0]);
        await LogAssertions.AssertWholeAsync(_database, [.. events, .. marker]);
    }

    [Fact]
    public async Task Messages_that_can_never_be_leaves_are_parked_in_the_error_queue_and_the_rest_are_appended()
    {
        // given good events around a malformed hash, a bad service alias, and a logged event with another hash
        var good = RecordedEvents.Random(20);
        var malformed = new EventRecorded(Guid.NewGuid(), "permits", 7, "not-a-hash");
        var badAlias = new EventRecorded(Guid.NewGuid(), "Permits Office", 8, good[0].LeafHash);
        var rewritten = good[1] with { LeafHash = RecordedEvents.Random(1)[0].LeafHash };

        // when they are published in one stream
        await _relay.PublishAsync([.. good.Take(10), malformed, badAlias, .. good.Skip(10)]);
        await _relay.PublishAsync([rewritten], freshMessageIds: true);

        // then the good ones are appended
        await Eventually.UntilAsync(_database.TreeSizeAsync, size => size >= 20, "20 leaves");

        // and both bad ones wait in the consumer's error queue with the reason
        var errorQueue = _ledger.Services.GetRequiredService<IEndpointNameFormatter>().Consumer<LedgerIngestConsumer>() + "_error";
        var parked = new List<(string Body, string Reason)>();
        await Eventually.UntilAsync(async () =>
        {
            if (await TakeFromQueueAsync(errorQueue) is { } message)
            {
                parked.Add(message);
            }

            return parked.Count;
        }, count => count >= 3, $"three messages in {errorQueue}");
        Assert.Contains(parked, p => p.Body.Contains(malformed.EventId.ToString(), StringComparison.Ordinal) && p.Reason.Contains("LeafHash", StringComparison.Ordinal));
        Assert.Contains(parked, p => p.Body.Contains(badAlias.EventId.ToString(), StringComparison.Ordinal) && p.Reason.Contains("Service", StringComparison.Ordinal));
        Assert.Contains(parked, p => p.Body.Contains(rewritten.LeafHash, StringComparison.Ordinal) && p.Reason.Contains("different leaf hash", StringComparison.Ordinal));
        await LogAssertions.AssertWholeAsync(_database, good);
    }

    private async Task<(string Body, string Reason)?> TakeFromQueueAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = infrastructure.RabbitMqUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true);
            if (message is null)
            {
                return null;
            }

            var reason = message.BasicProperties.Headers?.TryGetValue("MT-Fault-Message", out var value) == true && value is byte[] bytes
                ? Encoding.UTF8.GetString(bytes)
                : "";
            return (Encoding.UTF8.GetString(message.Body.Span), reason);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null; // declared when the first rejection is forwarded
        }
    }

    [GeneratedRegex(@"(?m)^ledger_tree_size(\{[^}]*\})? 1500\b")]
    private static partial Regex TreeSizeMetric();
}
