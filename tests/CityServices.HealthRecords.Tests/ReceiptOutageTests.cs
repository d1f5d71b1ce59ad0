namespace CityServices.HealthRecords.Tests;

/// <summary>The receipt of an access when the ledger cannot be reached: a 503 problem that says so, never a 500 or a 409.</summary>
public sealed class ReceiptOutageTests(CityInfrastructure infrastructure) : HealthRecordsTests(infrastructure, "receipt-outage")
{
    [Fact]
    public async Task A_receipt_asked_while_the_ledger_is_unreachable_is_a_503_problem()
    {
        // given an access to the patient's record, and a ledger address where nothing listens
        var patient = await Service.RegisterCitizenAsync(Ct);
        var token = Tokens.Patient(Service, patient);
        await Expect.StatusAsync(HttpStatusCode.OK, await Service.GetAsync("/api/health-records/me/record", token, Ct));
        var access = (await Service.EventsOfAsync(patient, Ct)).Single(e => e.Data is RecordAccessed).Id;

        // when the patient asks for its receipt
        var response = await Service.GetAsync($"/api/health-records/me/access-log/{access}/receipt", token, Ct);

        // then the answer says the ledger cannot be reached, to ask again later
        await Expect.ProblemAsync(
            new Problem(503, "Service unavailable", "The ledger cannot be reached to prove this event; ask again in a while."), response);
    }
}
