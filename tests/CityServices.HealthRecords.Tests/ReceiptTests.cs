using CityServices.Audit;
using CityServices.Hashing;

namespace CityServices.HealthRecords.Tests;

/// <summary>Receipts of access events against the real ledger, anchoring on anvil, verified by city-audit.</summary>
public sealed class ReceiptTests(CityInfrastructure infrastructure)
{
    [Fact]
    public async Task A_receipt_of_an_access_not_yet_anchored_is_a_409_problem_with_retry_after()
    {
        // given a ledger that has received the access event but will not anchor for a day
        var prefix = CityInfrastructure.NewPrefix("receipt-wait");
        await using var ledger = await LedgerHost.StartAnchoringAsync(infrastructure, Ledger.LedgerApp.Create, "hr_ledger", prefix, TimeSpan.FromDays(1));
        await using var service = await HealthRecordsServiceHost.StartAsync(infrastructure, "receipt_wait", ledger.Http.BaseAddress, prefix);
        var patient = await service.RegisterCitizenAsync(Ct);
        var token = Tokens.Patient(service, patient);
        var access = await ReadAndFindAccessAsync(service, token);
        await Eventually.UntilAsync(async () => (await ledger.Http.GetAsync($"/api/ledger/events/{access}/proof", Ct)).StatusCode,
            status => status == HttpStatusCode.Conflict, "the ledger to hold the access event");

        // when the patient asks for its receipt
        var response = await service.GetAsync($"/api/health-records/me/access-log/{access}/receipt", token, Ct);

        // then the answer says it is not anchored yet, and when to ask again
        await Expect.ProblemAsync(new Problem(409, "Not yet anchored"), response);
        Assert.NotNull(response.Headers.RetryAfter);

        // and nobody else's log lends itself to a receipt
        var stranger = Tokens.Patient(service, await service.RegisterCitizenAsync(Ct));
        await Expect.StatusAsync(HttpStatusCode.NotFound, await service.GetAsync($"/api/health-records/me/access-log/{access}/receipt", stranger, Ct));
    }

    [Fact]
    public async Task A_receipt_of_an_anchored_access_verifies_with_the_chain_alone()
    {
        // given a doctor's emergency read, relayed to the ledger and anchored
        var prefix = CityInfrastructure.NewPrefix("receipt-anchored");
        await using var ledger = await LedgerHost.StartAnchoringAsync(infrastructure, Ledger.LedgerApp.Create, "hr_ledger", prefix, TimeSpan.FromSeconds(1));
        await using var service = await HealthRecordsServiceHost.StartAsync(infrastructure, "receipt_anchored", ledger.Http.BaseAddress, prefix);
        var patient = await service.RegisterCitizenAsync(Ct);
        var doctor = Guid.NewGuid();
        await Expect.StatusAsync(HttpStatusCode.OK, await service.GetAsync(
            $"/api/health-records/patients/{patient}/record?purpose=emergency&reason=stroke", Tokens.Doctor(service, doctor), Ct));
        var token = Tokens.Patient(service, patient);
        var log = await Expect.JsonAsync(HttpStatusCode.OK, await service.GetAsync("/api/health-records/me/access-log", token, Ct));
        var access = log[0].GetProperty("eventId").GetGuid();

        // when the patient fetches its receipt once it is anchored
        var response = await Eventually.UntilAsync<HttpResponseMessage>(() => service.GetAsync($"/api/health-records/me/access-log/{access}/receipt", token, Ct),
            r => r.StatusCode != HttpStatusCode.Conflict, "the access to be anchored", TimeSpan.FromSeconds(90));
        var receipt = await response.Content.ReadAsStringAsync(Ct);
        await Expect.StatusAsync(HttpStatusCode.OK, response);

        // then it names the doctor and hashes to its record, and city-audit verifies it against the chain
        using var document = JsonDocument.Parse(receipt);
        var data = document.RootElement.GetProperty("data");
        Assert.Equal(doctor, data.GetProperty("readerCitizenId").GetGuid());
        Assert.True(data.GetProperty("flaggedEmergency").GetBoolean());
        Assert.Equal(EventDataHash.Compute(data), LeafRecord.Parse(document.RootElement.GetProperty("record")).DataSha256);
        var file = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, receipt, Ct);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await AuditCli.RunAsync(
            ["verify-event", "--rpc", infrastructure.ChainRpcUrl.ToString(), "--registry", await LedgerHost.RegistryPinAsync(ledger.Postgres), "--event", file, "--json"],
            output, error, Ct);
        Assert.True(exitCode == 0, $"city-audit exit {exitCode}: {output}{error}");
        Assert.True(JsonDocument.Parse(output.ToString()).RootElement.GetProperty("verified").GetBoolean(), output.ToString());
    }

    private static async Task<Guid> ReadAndFindAccessAsync(HealthRecordsServiceHost service, string token)
    {
        await Expect.StatusAsync(HttpStatusCode.OK, await service.GetAsync("/api/health-records/me/record", token, Ct));
        var log = await Expect.JsonAsync(HttpStatusCode.OK, await service.GetAsync("/api/health-records/me/access-log", token, Ct));
        return log[0].GetProperty("eventId").GetGuid();
    }
}
