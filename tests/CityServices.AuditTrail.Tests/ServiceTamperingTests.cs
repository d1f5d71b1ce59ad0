namespace CityServices.AuditTrail.Tests;

public sealed class ServiceTamperingTests(CityInfrastructure infrastructure) : AuditTrailTests(infrastructure, "service_tamper")
{
    [Fact]
    public async Task An_altered_a_deleted_and_an_inserted_event_in_the_service_are_each_reported_by_verify_export()
    {
        // given anchored events in two waves, with a sequence number left unused between them (as
        // a rolled-back transaction leaves one); the relay has long passed it
        var events = Platform.Service.Postgres;
        await Platform.StoreAndAnchorAsync(3, Ct);
        var gap = await Tampering.ScalarAsync<long>(events, "select nextval('permits.mt_events_sequence')");
        await Platform.StoreAndAnchorAsync(3, Ct);
        var before = await Platform.Service.ExportAsync(ct: Ct);
        var altered = before[1].Record.EventId;
        var deleted = before[3].Record.EventId;

        // when an insider rewrites one event's data, deletes another, and slips a forged copy of a
        // third into the past, where no relay will ever pick it up
        Assert.Equal(1, await Tampering.ExecuteAsync(events,
            """update permits.mt_events set data = jsonb_set(data, '{kind}', '"forged"') where id = $1""", altered));
        Assert.Equal(1, await Tampering.ExecuteAsync(events, "delete from permits.mt_events where id = $1", deleted));
        var inserted = Guid.NewGuid();
        Assert.Equal(1, await Tampering.ExecuteAsync(events,
            """
            insert into permits.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
            select $1, $2, stream_id, version + 100, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived
            from permits.mt_events where id = $3
            """, gap, inserted, before[4].Record.EventId));

        // and an auditor compares the department's export with the ledger and the chain
        var export = string.Join('\n', (await Platform.Service.ExportAsync(ct: Ct)).Select(l => l.Raw));
        var run = await AuditedPlatform.AuditAsync("verify-export", "--ledger", Platform.Ledger.BaseAddress!.ToString(),
            "--export", AuditedPlatform.TempFile(export), "--rpc", Platform.Infrastructure.ChainRpcUrl.ToString(), "--registry", await Platform.RegistryPinAsync());

        // then each of the three is reported by id, and nothing else
        Assert.True(run.ExitCode == 1, run.ToString());
        var findings = run.Json.GetProperty("findings").EnumerateArray()
            .Select(f => (Kind: f.GetProperty("kind").GetString(), Id: f.GetProperty("eventId").GetGuid()))
            .ToHashSet();
        Assert.Equal(new HashSet<(string?, Guid)> { ("altered", altered), ("deleted", deleted), ("inserted", inserted) }, findings);
    }
}
