using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityServices.Audit.Tests.Support;

/// <summary>
/// A stand-in for the ledger service serving the routes of docs/ledger-api.md (including the
/// per-service leaf listing) from an in-memory log, so tests control exactly what it claims.
/// The real ledger is tested end to end separately. Like the gateway, the same origin also serves
/// the token endpoint and one department's audit export (<c>/api/trade/audit/events</c>, scope audit).
/// </summary>
internal sealed class FakeLedger : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeLedger(WebApplication app) => _app = app;

    /// <summary>The log in leaf order.</summary>
    public List<LoggedLeaf> Log { get; } = [];

    public List<Anchor> Anchors { get; } = [];

    /// <summary>Where consistency proofs come from; another tree than the log plays a ledger serving a rewritten history.</summary>
    public MerkleTree? ConsistencySource { get; set; }

    /// <summary>Roots the ledger claims in consistency proofs instead of its own, as a lying ledger would.</summary>
    public (byte[] First, byte[] Second)? ClaimedRoots { get; set; }

    /// <summary>A status the consistency route answers instead of a proof, as a ledger that cannot or will not prove.</summary>
    public int? ConsistencyRefusal { get; set; }

    /// <summary>Events every listing leaves out (a ledger hiding a leaf it still proves), both the whole one and a service's.</summary>
    public HashSet<Guid> HiddenFromListings { get; } = [];

    /// <summary>A status every ledger route answers instead (429 or 503, with Retry-After 1 s), as a ledger refusing or down.</summary>
    public int? Refusal { get; set; }

    /// <summary>How many requests the ledger routes were asked, refused or not.</summary>
    public int LedgerRequests => _ledgerRequests;

    private int _ledgerRequests;

    /// <summary>Sizes the ledger claims its consistency proofs are for instead of those asked for.</summary>
    public (long First, long Second)? ClaimedSizes { get; set; }

    /// <summary>The trade department's audit export, one NDJSON line per event in sequence order.</summary>
    public List<SampleEvent> TradeExport { get; } = [];

    public const string AuditorClientId = "auditor";
    public const string AuditorSecret = "auditor-secret";
    private const string AuditorToken = "token-for-the-auditor";

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public MerkleTree Tree() => new(Log.Select(leaf => leaf.LeafHash));

    public void Append(SampleEvent e) => Log.Add(new LoggedLeaf(e.Id, e.Record.Service, e.Record.Sequence, e.LeafHash));

    public static async Task<FakeLedger> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var ledger = new FakeLedger(app);
        ledger.MapRoutes();
        ledger.MapCityRoutes();
        await app.StartAsync(Ct);
        return ledger;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void MapRoutes()
    {
        _app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api/ledger"))
            {
                Interlocked.Increment(ref _ledgerRequests);
                if (Refusal is { } status)
                {
                    context.Response.StatusCode = status;
                    context.Response.Headers.RetryAfter = "1";
                    return;
                }
            }

            await next(context);
        });
        _app.MapGet("/api/ledger/checkpoints/latest", () => Log.Count == 0 ? Results.NotFound() : Results.Ok(new
        {
            treeSize = Log.Count,
            rootHash = Hex.Encode(Tree().RootHash()),
            createdAt = DateTimeOffset.UtcNow,
            anchor = Anchors.LastOrDefault(a => a.TreeSize == Log.Count),
        }));
        _app.MapGet("/api/ledger/anchors", (long? after, int? limit) =>
            Anchors.Where(a => a.Index > (after ?? -1)).Take(limit ?? 100));
        _app.MapGet("/api/ledger/events/{eventId:guid}/proof", Proof);
        _app.MapGet("/api/ledger/consistency", (long first, long second) =>
        {
            if (ConsistencyRefusal is { } status)
            {
                return Results.StatusCode(status);
            }

            var tree = ConsistencySource ?? Tree();
            var (firstRoot, secondRoot) = ClaimedRoots ?? (tree.RootHash(first), tree.RootHash(second));
            var (firstSize, secondSize) = ClaimedSizes ?? (first, second);
            return Results.Ok(new ConsistencyProof(firstSize, secondSize, Hex.Encode(firstRoot), Hex.Encode(secondRoot),
                [.. tree.ConsistencyProof(first, second).Select(hash => Hex.Encode(hash))]));
        });
        _app.MapGet("/api/ledger/services/{service}/leaves", (string service, long? after, int? limit) =>
            Log.Select((leaf, index) => new ServiceLeaf(leaf.EventId, leaf.Sequence, index, Hex.Encode(leaf.LeafHash)))
                .Where((leaf) => Log[(int)leaf.LeafIndex].Service == service && leaf.LeafIndex > (after ?? -1) && !HiddenFromListings.Contains(leaf.EventId))
                .Take(limit ?? 100));
        _app.MapGet("/api/ledger/leaves", (long? after, int? limit) =>
            Log.Select((leaf, index) => new LogLeaf(index, Hex.Encode(leaf.LeafHash), leaf.EventId, leaf.Service, leaf.Sequence))
                .Where(leaf => leaf.LeafIndex > (after ?? -1) && !HiddenFromListings.Contains(leaf.EventId))
                .Take(limit ?? 100));
        _app.MapGet("/api/ledger/proofs", (long treeSize, string? service, long? after, int? limit) =>
        {
            var anchor = Anchors.FirstOrDefault(a => a.TreeSize == treeSize);
            if (anchor is null)
            {
                return Results.BadRequest();
            }

            var tree = Tree();
            var proofs = Log.Take((int)treeSize).Select((leaf, index) => (leaf, index))
                .Where(x => x.index > (after ?? -1) && (service is null || x.leaf.Service == service) && !HiddenFromListings.Contains(x.leaf.EventId))
                .Take(limit ?? 100)
                .Select(x => new LeafProof(x.index, Hex.Encode(x.leaf.LeafHash), x.leaf.EventId, x.leaf.Service, x.leaf.Sequence,
                    [.. tree.InclusionProof(x.index, treeSize).Select(hash => Hex.Encode(hash))]));
            return Results.Ok(new BatchInclusionProof(treeSize, anchor.RootHash, anchor, [.. proofs]));
        });
    }

    private void MapCityRoutes()
    {
        _app.MapPost("/connect/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return form["grant_type"] == "client_credentials" && form["client_id"] == AuditorClientId
                && form["client_secret"] == AuditorSecret && form["scope"] == "audit"
                ? Results.Ok(new { access_token = AuditorToken, token_type = "Bearer", expires_in = 300 })
                : Results.BadRequest(new { error = "invalid_client" });
        });
        _app.MapGet("/api/trade/audit/events", (HttpRequest request, long? after, int? limit) =>
            request.Headers.Authorization != $"Bearer {AuditorToken}"
                ? Results.Unauthorized()
                : Results.Text(string.Concat(TradeExport.Where(e => e.Record.Sequence > (after ?? 0)).Take(limit ?? 10_000)
                    .Select(e => e.ExportLine() + "\n")), "application/x-ndjson"));
    }

    private IResult Proof(Guid eventId, long? treeSize)
    {
        var leafIndex = Log.FindIndex(leaf => leaf.EventId == eventId);
        if (leafIndex < 0)
        {
            return Results.NotFound();
        }

        var anchor = treeSize is { } size ? Anchors.FirstOrDefault(a => a.TreeSize == size) : Anchors.LastOrDefault();
        if (anchor is null)
        {
            return Results.BadRequest();
        }

        if (leafIndex >= anchor.TreeSize)
        {
            return Results.Conflict();
        }

        var leaf = Log[leafIndex];
        return Results.Ok(new InclusionProof(eventId, leaf.Service, leaf.Sequence, leafIndex, Hex.Encode(leaf.LeafHash), anchor.TreeSize, anchor.RootHash,
            [.. Tree().InclusionProof(leafIndex, anchor.TreeSize).Select(hash => Hex.Encode(hash))], anchor));
    }
}

internal sealed record LoggedLeaf(Guid EventId, string Service, long Sequence, byte[] LeafHash);
