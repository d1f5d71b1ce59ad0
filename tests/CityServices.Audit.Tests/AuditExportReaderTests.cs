using CityServices.Audit.Export;

namespace CityServices.Audit.Tests;

/// <summary>
/// Reading an export from its URL across the reader's page of 10,000 lines, with the real page size:
/// the events are built in memory and served by the fake ledger, so crossing a page takes well under
/// a second and the constant needs no test-only seam.
/// </summary>
public sealed class AuditExportReaderTests : IAsyncLifetime
{
    private FakeLedger _ledger = null!;

    public async ValueTask InitializeAsync() => _ledger = await FakeLedger.StartAsync();

    public async ValueTask DisposeAsync() => await _ledger.DisposeAsync();

    [Theory]
    [InlineData(10_000)] // exactly one full page: the reader asks once more and gets an empty one
    [InlineData(10_001)] // one line past the page
    [InlineData(20_003)] // two full pages and a short one
    public async Task An_export_url_is_read_whole_once_and_in_order_across_pages(int count)
    {
        _ledger.TradeExport.AddRange(Enumerable.Range(1, count).Select(i => SampleEvent.Create("trade", i)));
        using var http = new HttpClient();
        var token = await ClientCredentialsToken.RequestAsync(http, new Uri($"{_ledger.Url}/connect/token"), FakeLedger.AuditorClientId, FakeLedger.AuditorSecret, Ct);

        var lines = new List<ExportLine>();
        await foreach (var line in AuditExportReader.FromUrlAsync(http, new Uri($"{_ledger.Url}/api/trade/audit/events"), token, Ct))
        {
            lines.Add(line);
        }

        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), lines.Select(line => line.Number));
        Assert.Equal(_ledger.TradeExport.Select(e => e.ExportLine()), lines.Select(line => line.Text));
    }
}
