using Npgsql;

namespace CityServices.EventPipeline.Tests;

public sealed class RelayCrashTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private const int Streams = 100;
    private const int NotesPerStream = 14;
    private const int EventCount = Streams * (1 + NotesPerStream);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _prefix = CityInfrastructure.NewPrefix("crash");
    private ProbeHost _probe = null!;
    private PermitsServiceHost _writer = null!;

    public async ValueTask InitializeAsync()
    {
        _probe = await ProbeHost.StartAsync(infrastructure, _prefix,
            bus => bus.AddConsumer<RecordedEventsProbe, RecordedEventsProbeDefinition>());
        // The in-process service only writes; the relay runs in the child process the test kills.
        _writer = await PermitsServiceHost.StartAsync(infrastructure, await infrastructure.CreateDatabaseAsync("crash"), _prefix, runRelay: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _probe.DisposeAsync();
    }

    [Fact]
    public async Task A_relay_killed_mid_stream_resumes_without_skipping_and_duplicates_are_absorbed()
    {
        // given events stored while no relay runs
        var storedIds = await StoreEvents();

        // when the relay process is killed while it is publishing them
        using (var relay = StartRelay())
        {
            // Several pages in, so the committed progress is well past the rewind below.
            await Eventually.Until(() => _probe.Log.HandledOf<EventRecorded>().Count, n => n >= 400, "the relay to publish several pages", Patience);
            relay.Kill();
        }

        var handledAtCrash = _probe.Log.HandledOf<EventRecorded>().Count;
        Assert.True(handledAtCrash < EventCount, $"The relay finished ({handledAtCrash} events) before it could be killed mid-stream.");

        // and, to make the crash window between publishing and committing progress certain, the
        // relay's committed progress is wound back as if its last pages had never been committed
        await RewindRelayProgress(by: 120);

        // and a new relay process starts
        using (var relay = StartRelay())
        {
            try
            {
                await Eventually.Until(() => _probe.Log.HandledOf<EventRecorded>().Count, n => n >= EventCount, $"all {EventCount} events after the restart", Patience);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message} The restarted relay wrote:\n{relay.Output}", e);
            }

            await Eventually.Until(() => _probe.Log.DeliveriesOf<EventRecorded>(), n => n >= EventCount + 120, "the re-sent pages to be delivered", Patience);
        }

        // then every stored event reached the consumer exactly once in effect, none skipped
        var received = await ReceivedEventIds();
        Assert.Equal(storedIds.Order(), received.Order());
        Assert.Equal(EventCount, _probe.Log.HandledOf<EventRecorded>().DistinctBy(e => e.EventId).Count());
        Assert.Equal(EventCount, _probe.Log.HandledOf<EventRecorded>().Count);
        Assert.True(_probe.Log.DeliveriesOf<EventRecorded>() > EventCount, "The re-sent duplicates were delivered and absorbed.");
    }

    private RelayProcess StartRelay() => RelayProcess.Start(
    [
        .. PermitsServiceHost.ServiceArguments(infrastructure, _writer.Postgres, _prefix, runRelay: true, urls: "http://127.0.0.1:0",
            authority: new Uri(_writer.Issuer.Issuer)),
        // What the daemon decides (leadership, starting, pausing the relay) is what a failure here needs.
        "--Logging:LogLevel:Marten=Information",
        "--Logging:LogLevel:JasperFx=Information",
    ]);

    private async Task<List<Guid>> StoreEvents()
    {
        await using var session = _writer.Store.LightweightSession();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Streams; i++)
        {
            var id = Guid.CreateVersion7();
            var events = new List<object> { new PermitApplied(id, $"applicant {i}", "market-stall", now) };
            events.AddRange(Enumerable.Range(0, NotesPerStream).Select(n => new PermitNoteAdded(id, $"note {n}", now)));
            session.Events.StartStream<Permit>(id, events);
        }

        await session.SaveChangesAsync(Ct);
        await using var query = _writer.Store.QuerySession();
        var ids = await query.Events.QueryAllRawEvents().Select(e => e.Id).ToListAsync(Ct);
        Assert.Equal(EventCount, ids.Count);
        return ids.ToList();
    }

    private async Task RewindRelayProgress(int by)
    {
        await using var connection = new NpgsqlConnection(_writer.Postgres);
        await connection.OpenAsync(Ct);
        await using var rewind = new NpgsqlCommand(
            // Never to 0: Marten reads 0 as "never ran" and would try to insert the progress row again.
            $"update permits.mt_event_progression set last_seq_id = last_seq_id - {by} where name like '{OutboxRelay.SubscriptionName}%' and last_seq_id > {by}",
            connection);
        Assert.True(await rewind.ExecuteNonQueryAsync(Ct) == 1, $"The relay had committed no progress beyond {by} events to wind back.");
    }

    private async Task<List<Guid>> ReceivedEventIds()
    {
        await using var session = _probe.Store.QuerySession();
        var received = await session.Query<ReceivedEvent>().Where(e => e.Service == "permits").Select(e => e.Id).ToListAsync(Ct);
        return received.ToList();
    }
}
