using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using CityServices.Audit.Output;

namespace CityServices.Audit.Ledger;

/// <summary>
/// The ledger's public, read-only API (docs/ledger-api.md). Nothing it says is trusted: every
/// answer is checked against hashes the auditor recomputed and roots read from the chain.
/// </summary>
public sealed class LedgerClient(HttpClient http, Uri ledger)
{
    private const int PageSize = 1000;

    public async Task<Checkpoint?> LatestCheckpointAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Route("checkpoints/latest"), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<Checkpoint>(response, cancellationToken);
    }

    /// <summary>The newest anchored checkpoint: the latest checkpoint's anchor, else the last listed anchor.</summary>
    public async Task<Anchor?> LatestAnchorAsync(CancellationToken cancellationToken)
    {
        var latest = await LatestCheckpointAsync(cancellationToken);
        if (latest?.Anchor is not null)
        {
            return latest.Anchor;
        }

        Anchor? last = null;
        await foreach (var anchor in AnchorsAsync(cancellationToken))
        {
            last = anchor;
        }

        return last;
    }

    public IAsyncEnumerable<Anchor> AnchorsAsync(CancellationToken cancellationToken) =>
        PagesAsync<Anchor>("anchors", anchor => anchor.Index, -1, cancellationToken);

    /// <summary>An inclusion proof against the latest anchored checkpoint, or against the anchored size <paramref name="treeSize"/>.</summary>
    public async Task<ProofAnswer> ProofAsync(Guid eventId, long? treeSize, CancellationToken cancellationToken)
    {
        var query = treeSize is { } size ? $"?treeSize={size.ToString(CultureInfo.InvariantCulture)}" : "";
        using var response = await http.GetAsync(Route($"events/{eventId:D}/proof{query}"), cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new ProofAnswer(null, ProofAnswerKind.NotInLog, "the ledger has no such event (404)"),
            HttpStatusCode.Conflict or HttpStatusCode.BadRequest => new ProofAnswer(
                null, ProofAnswerKind.NotYetAnchored, $"no anchored checkpoint covers it yet ({(int)response.StatusCode})"),
            _ => ProofAnswer.Found(await ReadAsync<InclusionProof>(response, cancellationToken)),
        };
    }

    public async Task<ConsistencyProof> ConsistencyAsync(long first, long second, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Route($"consistency?first={first}&second={second}"), cancellationToken);
        return await ReadAsync<ConsistencyProof>(response, cancellationToken);
    }

    /// <summary>Every leaf the log holds for a service, in log order (see <see cref="ServiceLeaf"/>).</summary>
    public IAsyncEnumerable<ServiceLeaf> ServiceLeavesAsync(string service, CancellationToken cancellationToken) =>
        ServiceLeavesAsync(service, -1, cancellationToken);

    /// <summary>The leaves the log holds for a service after <paramref name="afterIndex"/> (exclusive), in log order.</summary>
    public IAsyncEnumerable<ServiceLeaf> ServiceLeavesAsync(string service, long afterIndex, CancellationToken cancellationToken) =>
        PagesAsync<ServiceLeaf>($"services/{Uri.EscapeDataString(service)}/leaves", leaf => leaf.LeafIndex, afterIndex, cancellationToken);

    /// <summary>The leaves 0 … <paramref name="treeSize"/>-1 of the whole log as the ledger lists them, in order, and none after.</summary>
    public async IAsyncEnumerable<LogLeaf> LeavesAsync(long treeSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = -1L;
        while (after < treeSize - 1)
        {
            var limit = (int)Math.Min(PageSize, treeSize - 1 - after);
            var page = await GetAsync<List<LogLeaf>>($"leaves?limit={limit}{After(after)}", cancellationToken);
            foreach (var leaf in page)
            {
                yield return leaf;
            }

            if (page.Count < limit)
            {
                yield break;
            }

            after = page[^1].LeafIndex;
        }
    }

    /// <summary>
    /// The inclusion proofs of <paramref name="service"/>'s leaves in the anchored tree of <paramref name="treeSize"/>,
    /// in log order, a batch of up to 1,000 per call; every batch must be against that size.
    /// </summary>
    public async IAsyncEnumerable<LeafProof> BatchProofsAsync(long treeSize, string service, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = treeSize.ToString(CultureInfo.InvariantCulture);
        var after = -1L;
        while (true)
        {
            var batch = await GetAsync<BatchInclusionProof>(
                $"proofs?treeSize={size}&service={Uri.EscapeDataString(service)}&limit={PageSize}{After(after)}", cancellationToken);
            if (batch.TreeSize != treeSize)
            {
                throw new LedgerException($"The ledger answered proofs against tree size {batch.TreeSize} when asked for {treeSize}.");
            }

            foreach (var proof in batch.Proofs)
            {
                yield return proof;
            }

            if (batch.Proofs.Count < PageSize)
            {
                yield break;
            }

            after = batch.Proofs[^1].LeafIndex;
        }
    }

    /// <summary>A listing read page by page: <c>?after=</c> the last item's key (exclusive) until a page comes back short.</summary>
    private async IAsyncEnumerable<T> PagesAsync<T>(string route, Func<T, long> key, long afterKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = After(afterKey);
        while (true)
        {
            using var response = await http.GetAsync(Route($"{route}?limit={PageSize}{after}"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new LedgerException($"The ledger does not serve {response.RequestMessage?.RequestUri} (404).", 404);
            }

            var page = await ReadAsync<List<T>>(response, cancellationToken);
            foreach (var item in page)
            {
                yield return item;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = $"&after={key(page[^1]).ToString(CultureInfo.InvariantCulture)}";
        }
    }

    private async Task<T> GetAsync<T>(string relative, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Route(relative), cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <summary>The <c>after</c> of a page: absent for the first (-1), the last key seen otherwise.</summary>
    private static string After(long key) => key < 0 ? "" : $"&after={key.ToString(CultureInfo.InvariantCulture)}";

    private Uri Route(string relative) => new(ledger, $"api/ledger/{relative}");

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var url = response.RequestMessage?.RequestUri;
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new LedgerException($"The ledger answered {(int)response.StatusCode} to {url}: {Shorten(body)}", (int)response.StatusCode);
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(AuditJson.Options, cancellationToken)
                ?? throw new LedgerException($"The ledger answered null to {url}.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new LedgerException($"The ledger's answer to {url} is not in the documented format: {e.Message}");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
