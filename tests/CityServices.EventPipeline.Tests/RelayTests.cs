using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityServices.EventPipeline.Tests;

public sealed class RelayTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _prefix = CityInfrastructure.NewPrefix("relay");
    private ProbeHost _probe = null!;
    private PermitsServiceHost _service = null!;

    public async ValueTask InitializeAsync()
    {
        _probe = await ProbeHost.StartAsync(infrastructure, _prefix, bus =>
        {
            bus.AddConsumer<RecordedEventsProbe, RecordedEventsProbeDefinition>();
            bus.AddConsumer<ApplicationsProbe>(typeof(Consumers.CityConsumerDefinition<ApplicationsProbe>));
        });
        _service = await PermitsServiceHost.StartAsync(infrastructure, await infrastructure.CreateDatabaseAsync("relay"), _prefix);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.DisposeAsync();
        await _probe.DisposeAsync();
    }

    [Fact]
    public async Task Stored_events_are_published_once_each_in_sequence_order()
    {
        // given five permits with two notes each: fifteen events in five streams
        for (var i = 0; i < 5; i++)
        {
            var id = await _service.ApplyForPermitAsync($"applicant {i}", ct: Ct);
            await _service.AddNoteAsync(id, "first note", Ct);
            await _service.AddNoteAsync(id, "second note", Ct);
        }

        // when the relay has published them
        var recorded = await Eventually.Until(
            () => _probe.Log.HandledOf<EventRecorded>(), r => r.Count >= 15, "15 EventRecorded messages", Patience);

        // then the ledger side saw every sequence once, in ascending order, for this service
        var stored = await _service.ExportAsync(ct: Ct);
        Assert.Equal(stored.Select(l => l.Record.Sequence), recorded.Select(r => r.Sequence));
        Assert.All(recorded, r => Assert.Equal("permits", r.Service));
        Assert.Equal(stored.Select(l => l.Record.EventId), recorded.Select(r => r.EventId));
    }

    [Fact]
    public async Task A_backlog_longer_than_the_shipped_relay_page_is_published_once_each_in_order()
    {
        // given the shipped page size (tests do not lower it) and a backlog of more than two pages,
        // committed at once as after an outage of the relay
        var pageSize = _service.Services.GetRequiredService<IOptions<EventStoreOptions>>().Value.RelayBatchSize;
        Assert.Equal(new EventStoreOptions().RelayBatchSize, pageSize);
        var backlog = (2 * pageSize) + 1;
        var id = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow;
        await using (var session = _service.Store.LightweightSession())
        {
            session.Events.StartStream<Permit>(id, [
                new PermitApplied(id, "Backlog Ltd", "kiosk", at),
                .. Enumerable.Range(1, backlog - 1).Select(n => (object)new PermitNoteAdded(id, $"note {n}", at)),
            ]);
            await session.SaveChangesAsync(Ct);
        }

        // when the relay has worked through it page by page
        var recorded = await Eventually.Until(
            () => _probe.Log.HandledOf<EventRecorded>(), r => r.Count >= backlog, $"{backlog} EventRecorded messages", Patience);

        // then every stored event was published once, in sequence order, across the page boundaries
        var stored = await _service.ExportAsync(ct: Ct);
        Assert.Equal(backlog, stored.Count);
        Assert.Equal(stored.Select(l => l.Record.EventId), recorded.Select(r => r.EventId));
    }

    [Fact]
    public async Task Each_leaf_hash_published_is_the_hash_an_auditor_recomputes_from_the_export()
    {
        // given
        var id = await _service.ApplyForPermitAsync("Ada Lovelace, \"Analytical\" Ltd — Zürich", ct: Ct);
        await _service.AddNoteAsync(id, "needs a fire inspection", Ct);

        // when
        var recorded = await Eventually.Until(
            () => _probe.Log.HandledOf<EventRecorded>(), r => r.Count >= 2, "2 EventRecorded messages", Patience);

        // then every published leaf hash follows from the exported record, and the record's data hash from its data
        var exported = await _service.ExportAsync(ct: Ct);
        Assert.Equal(2, exported.Count);
        foreach (var line in exported)
        {
            Assert.Equal(EventDataHash.Compute(Encoding.UTF8.GetBytes(line.Data)), line.Record.DataSha256);
            var published = Assert.Single(recorded, r => r.EventId == line.Record.EventId);
            Assert.Equal(Hex.Encode(line.Record.LeafHash()), published.LeafHash);
        }
    }

    [Fact]
    public async Task An_event_with_an_integration_event_is_announced_with_an_id_derived_from_the_stored_event()
    {
        // given
        var id = await _service.ApplyForPermitAsync("Grace Hopper", kind: "street-party", ct: Ct);

        // when
        var announced = await Eventually.Until(
            () => _probe.Log.HandledOf<PermitApplicationReceived>(), a => a.Count >= 1, "the application announcement", Patience);

        // then the announcement carries the decision's data, and its message id derives from the stored event id
        Assert.Equal(new PermitApplicationReceived(id, "street-party"), Assert.Single(announced));
        var stored = Assert.Single(await _service.ExportAsync(ct: Ct));
        var delivery = Assert.Single(_probe.Log.Deliveries, d => d.MessageType == typeof(PermitApplicationReceived));
        Assert.Equal(MessageIds.ForIntegrationEvent(stored.Record.EventId), delivery.MessageId);
    }
}
