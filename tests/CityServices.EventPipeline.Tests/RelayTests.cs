using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityServices.Contracts.Ledger;
using CityServices.EventPipeline.Relay;
using CityServices.EventPipeline.Tests.Support;
using CityServices.EventPipeline.TestService.Permits;
using CityServices.Hashing;
using CityServices.Testing;
using MassTransit;

namespace CityServices.EventPipeline.Tests;

public sealed class RelayTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
            var id = await ApplyForPermit($"applicant {i}");
            await AddNote(id, "first note");
            await AddNote(id, "second note");
        }

        // when the relay has published them
        var recorded = await Eventually.Until(
            () => _probe.Log.HandledOf<EventRecorded>(), r => r.Count >= 15, Patience, "15 EventRecorded messages");

        // then the ledger side saw every sequence once, in ascending order, for this service
        var stored = await ExportedLines();
        Assert.Equal(stored.Select(l => l.Record.Sequence), recorded.Select(r => r.Sequence));
        Assert.All(recorded, r => Assert.Equal("permits", r.Service));
        Assert.Equal(stored.Select(l => l.Record.EventId), recorded.Select(r => r.EventId));
    }

    [Fact]
    public async Task Each_leaf_hash_published_is_the_hash_an_auditor_recomputes_from_the_export()
    {
        // given
        var id = await ApplyForPermit("Ada Lovelace, \"Analytical\" Ltd — Zürich");
        await AddNote(id, "needs a fire inspection");

        // when
        var recorded = await Eventually.Until(
            () => _probe.Log.HandledOf<EventRecorded>(), r => r.Count >= 2, Patience, "2 EventRecorded messages");

        // then every published leaf hash follows from the exported record, and the record's data hash from its data
        var exported = await ExportedLines();
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
        var id = await ApplyForPermit("Grace Hopper", kind: "street-party");

        // when
        var announced = await Eventually.Until(
            () => _probe.Log.HandledOf<PermitApplicationReceived>(), a => a.Count >= 1, Patience, "the application announcement");

        // then the announcement carries the decision's data, and its message id derives from the stored event id
        Assert.Equal(new PermitApplicationReceived(id, "street-party"), Assert.Single(announced));
        var stored = Assert.Single(await ExportedLines());
        var delivery = Assert.Single(_probe.Log.Deliveries, d => d.MessageType == typeof(PermitApplicationReceived));
        Assert.Equal(MessageIds.ForIntegrationEvent(stored.Record.EventId), delivery.MessageId);
    }

    private async Task<Guid> ApplyForPermit(string applicant, string kind = "market-stall")
    {
        var response = await _service.Http.PostAsJsonAsync("/api/permits/permits", new ApplyForPermit(applicant, kind), Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private async Task AddNote(Guid id, string note)
    {
        var response = await _service.Http.PostAsJsonAsync($"/api/permits/permits/{id}/notes", new AddNote(note), Ct);
        response.EnsureSuccessStatusCode();
    }

    private async Task<List<ExportLine>> ExportedLines()
    {
        var response = await _service.GetAsAuditorAsync("/api/permits/audit/events?after=0", Ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStringAsync(Ct);
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ExportLine.Parse).ToList();
    }
}
