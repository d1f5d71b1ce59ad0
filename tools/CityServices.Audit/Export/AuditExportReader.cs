using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CityServices.Audit.Output;

namespace CityServices.Audit.Export;

/// <summary>
/// Reads an audit export (docs/event-pipeline.md, "The audit export") from a file, or from a
/// service's export URL page by page: <c>?after=&lt;last record.sequence&gt;&amp;limit=&lt;n&gt;</c>.
/// Lines are streamed, so the export never has to fit in memory at once here.
/// </summary>
public static class AuditExportReader
{
    private const int PageSize = 10_000;

    public static bool IsUrl(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public static async IAsyncEnumerable<ExportLine> FromFileAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long number = 0;
        await foreach (var text in File.ReadLinesAsync(path, cancellationToken))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return new ExportLine(number, text);
            }
        }
    }

    public static async IAsyncEnumerable<ExportLine> FromUrlAsync(
        HttpClient http, Uri export, string? accessToken, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long number = 0;
        long after = 0;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(export) { Query = $"after={after}&limit={PageSize}" }.Uri);
            if (accessToken is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new AuditInputException($"The export {request.RequestUri} answered {(int)response.StatusCode}{(accessToken is null ? " (no token was sent: give --client-id and --client-secret)" : "")}.");
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            var linesInPage = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                linesInPage++;
                number++;
                after = SequenceOf(text, number);
                yield return new ExportLine(number, text);
            }

            if (linesInPage < PageSize)
            {
                yield break;
            }
        }
    }

    private static long SequenceOf(string line, long number)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("record").GetProperty("sequence").GetInt64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new AuditInputException($"Export line {number} has no record.sequence to continue paging from: {e.Message}", e);
        }
    }
}
