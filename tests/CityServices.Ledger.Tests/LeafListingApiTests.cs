using CityServices.Ledger.Proofs;

namespace CityServices.Ledger.Tests;

/// <summary>
/// A log of 30 leaves of three services, published together so they interleave as the real log's do;
/// the listings are checked against the leaves table read directly.
/// </summary>
public sealed class LeafListingApiTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private readonly string _prefix = CityInfrastructure.NewPrefix("ledger-listing");
    private ServiceHost _ledger = null!;
    private List<LedgerDatabase.Leaf> _leaves = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await infrastructure.CreateDatabaseAsync("ledger_listing");
        var database = new LedgerDatabase(postgres);
        _ledger = await TestLedger.StartAsync(infrastructure, postgres, _prefix);
        List<EventRecorded> events =
        [
            .. RecordedEvents.Random(14, "voting"), .. RecordedEvents.Random(11, "permits"), .. RecordedEvents.Random(5, "health-records"),
        ];
        await using (var relay = await RecordedEvents.StartAsync(infrastructure, _prefix))
        {
            await relay.PublishAsync(events.OrderBy(_ => Random.Shared.Next()));
        }

        await Eventually.UntilAsync(database.TreeSizeAsync, size => size >= events.Count, $"{events.Count} leaves");
        _leaves = await LogAssertions.AssertWholeAsync(database, events);
    }

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    [Theory]
    [InlineData("voting")]
    [InlineData("permits")]
    [InlineData("health-records")]
    public async Task A_service_listing_is_exactly_its_leaves_in_log_order(string service)
    {
        var listed = await _ledger.Http.GetFromJsonAsync<List<ServiceLeaf>>($"/api/ledger/services/{service}/leaves", Ct);

        Assert.Equal(ExpectedOf(service), listed!);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(14)]
    [InlineData(1000)]
    public async Task A_service_listing_read_page_by_page_after_the_last_leaf_index_is_whole(int limit)
    {
        // when voting's leaves are read as the auditor's client reads them: until a page comes back short
        var pages = await ReadPagesAsync<ServiceLeaf>("/api/ledger/services/voting/leaves", limit, leaf => leaf.LeafIndex);

        // then no leaf is lost or repeated across pages, and no page is longer than asked
        Assert.Equal(ExpectedOf("voting"), pages.SelectMany(page => page));
        Assert.All(pages, page => Assert.InRange(page.Count, 0, limit));
    }

    [Fact]
    public async Task After_is_exclusive_and_may_be_any_leaf_index_even_another_services()
    {
        var voting = ExpectedOf("voting");
        var otherServicesLeaf = _leaves.First(leaf => leaf.Service != "voting" && leaf.Index > voting[0].LeafIndex).Index;

        var afterFirst = await ListAsync<ServiceLeaf>($"/api/ledger/services/voting/leaves?after={voting[0].LeafIndex}&limit=1000");
        var afterOther = await ListAsync<ServiceLeaf>($"/api/ledger/services/voting/leaves?after={otherServicesLeaf}");
        var afterLast = await ListAsync<ServiceLeaf>($"/api/ledger/services/voting/leaves?after={voting[^1].LeafIndex}");
        var afterAll = await ListAsync<ServiceLeaf>($"/api/ledger/services/voting/leaves?after={long.MaxValue}");
        var firstOnly = await ListAsync<ServiceLeaf>("/api/ledger/services/voting/leaves?limit=1");
        var fromZero = await ListAsync<ServiceLeaf>("/api/ledger/services/voting/leaves?after=0");

        Assert.Equal(voting.Skip(1), afterFirst);
        Assert.Equal(voting.Where(leaf => leaf.LeafIndex > otherServicesLeaf), afterOther);
        Assert.Empty(afterLast);
        Assert.Empty(afterAll);
        Assert.Equal([voting[0]], firstOnly);
        Assert.Equal(voting.Where(leaf => leaf.LeafIndex > 0), fromZero);
    }

    [Theory]
    [InlineData("trade")]
    [InlineData("health.record_entry-added")]
    public async Task An_unknown_well_formed_service_has_an_empty_listing(string service)
    {
        var response = await _ledger.Http.GetAsync($"/api/ledger/services/{service}/leaves", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_service_leaf_travels_in_the_documented_json_shape()
    {
        using var json = JsonDocument.Parse(await _ledger.Http.GetStringAsync("/api/ledger/services/permits/leaves?limit=1", Ct));

        var leaf = json.RootElement.EnumerateArray().Single();
        Assert.Equal(["eventId", "sequence", "leafIndex", "leafHash"], leaf.EnumerateObject().Select(p => p.Name));
        var expected = _leaves.First(l => l.Service == "permits");
        Assert.Equal(expected.EventId.ToString("D"), leaf.GetProperty("eventId").GetString());
        Assert.Equal(Hex.Encode(expected.Hash), leaf.GetProperty("leafHash").GetString());
    }

    [Fact]
    public async Task The_whole_log_listing_pages_across_services_and_rebuilds_the_root()
    {
        var all = await ListAsync<LogLeaf>("/api/ledger/leaves?limit=1000");
        var pages = await ReadPagesAsync<LogLeaf>("/api/ledger/leaves", 7, leaf => leaf.LeafIndex);
        var defaultPage = await ListAsync<LogLeaf>("/api/ledger/leaves");

        var expected = _leaves.Select(l => new LogLeaf(l.Index, Hex.Encode(l.Hash), l.EventId, l.Service, l.Sequence)).ToList();
        Assert.Equal(expected, all);
        Assert.Equal(expected, pages.SelectMany(page => page));
        Assert.Equal([7, 7, 7, 7, 2], pages.Select(page => page.Count));
        Assert.Equal(expected, defaultPage);

        // an auditor rebuilds any tree size's root from the listing alone
        var rebuilt = new MerkleTree(all.Select(leaf => Hex.DecodeHash(leaf.LeafHash)));
        Assert.Equal(new MerkleTree(_leaves.Select(leaf => leaf.Hash)).RootHash(), rebuilt.RootHash());
    }

    [Fact]
    public async Task The_whole_log_listing_honours_after_and_limit_at_the_edges()
    {
        var afterFirst = await ListAsync<LogLeaf>("/api/ledger/leaves?after=0&limit=2");
        var afterLast = await ListAsync<LogLeaf>($"/api/ledger/leaves?after={_leaves.Count - 1}");
        var tail = await ListAsync<LogLeaf>($"/api/ledger/leaves?after={_leaves.Count - 3}&limit=1000");

        Assert.Equal([1L, 2L], afterFirst.Select(leaf => leaf.LeafIndex));
        Assert.Empty(afterLast);
        Assert.Equal([_leaves.Count - 2L, _leaves.Count - 1L], tail.Select(leaf => leaf.LeafIndex));
    }

    [Fact]
    public async Task A_log_leaf_travels_in_the_documented_json_shape()
    {
        using var json = JsonDocument.Parse(await _ledger.Http.GetStringAsync("/api/ledger/leaves?limit=1", Ct));

        var leaf = json.RootElement.EnumerateArray().Single();
        Assert.Equal(["leafIndex", "leafHash", "eventId", "service", "sequence"], leaf.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, leaf.GetProperty("leafIndex").GetInt64());
        Assert.Equal(Hex.Encode(_leaves[0].Hash), leaf.GetProperty("leafHash").GetString());
    }

    [Theory]
    [InlineData("/api/ledger/services/Voting/leaves", "service")]
    [InlineData("/api/ledger/services/voting-/leaves", "service")]
    [InlineData("/api/ledger/services/vot--ing/leaves", "service")]
    [InlineData("/api/ledger/services/1voting/leaves", "service")]
    [InlineData("/api/ledger/services/vot%20ing/leaves", "service")]
    [InlineData("/api/ledger/services/voting%0A/leaves", "service")]
    [InlineData("/api/ledger/services/vot%2Fing/leaves", "service")]
    [InlineData("/api/ledger/services/{long-alias}/leaves", "service")]
    [InlineData("/api/ledger/services/voting/leaves?after=-1", "after")]
    [InlineData("/api/ledger/services/voting/leaves?after=x", "after")]
    [InlineData("/api/ledger/services/voting/leaves?after=1.5", "after")]
    [InlineData("/api/ledger/services/voting/leaves?after=", "after")]
    [InlineData("/api/ledger/services/voting/leaves?after=9223372036854775808", "after")]
    [InlineData("/api/ledger/services/voting/leaves?limit=0", "limit")]
    [InlineData("/api/ledger/services/voting/leaves?limit=1001", "limit")]
    [InlineData("/api/ledger/services/voting/leaves?limit=+5", "limit")]
    [InlineData("/api/ledger/leaves?after=-1", "after")]
    [InlineData("/api/ledger/leaves?after=abc", "after")]
    [InlineData("/api/ledger/leaves?limit=0", "limit")]
    [InlineData("/api/ledger/leaves?limit=1001", "limit")]
    [InlineData("/api/ledger/leaves?limit=99999999999999999999", "limit")]
    public async Task Bad_input_is_a_400_problem_naming_the_parameter(string path, string parameter)
    {
        var url = path.Replace("{long-alias}", new string('a', 129), StringComparison.Ordinal);

        var response = await _ledger.Http.GetAsync(url, Ct);

        await Expect.InvalidAsync(response, parameter);
    }

    [Fact]
    public async Task The_longest_alias_is_well_formed()
    {
        var response = await _ledger.Http.GetAsync($"/api/ledger/services/{new string('a', 128)}/leaves", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_both_listings()
    {
        using var document = JsonDocument.Parse(await _ledger.Http.GetStringAsync("/openapi/v1.json", Ct));

        var paths = document.RootElement.GetProperty("paths");
        var byService = paths.GetProperty("/api/ledger/services/{service}/leaves").GetProperty("get");
        var all = paths.GetProperty("/api/ledger/leaves").GetProperty("get");
        foreach (var (operation, parameters) in new[] { (byService, new[] { "after", "limit", "service" }), (all, new[] { "after", "limit" }) })
        {
            Assert.Equal(["200", "400", "429"], operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
            Assert.True(operation.TryGetProperty("summary", out _));
            var documented = operation.GetProperty("parameters").EnumerateArray().ToList();
            Assert.Equal(parameters, documented.Select(p => p.GetProperty("name").GetString()).Order());
            Assert.All(documented.Where(p => p.GetProperty("name").GetString() != "service"),
                p => Assert.Equal("integer", p.GetProperty("schema").GetProperty("type").GetString()));
        }
    }

    private List<ServiceLeaf> ExpectedOf(string service) =>
        [.. _leaves.Where(l => l.Service == service).Select(l => new ServiceLeaf(l.EventId, l.Sequence, l.Index, Hex.Encode(l.Hash)))];

    private async Task<List<T>> ListAsync<T>(string url) => (await _ledger.Http.GetFromJsonAsync<List<T>>(url, Ct))!;

    private async Task<List<List<T>>> ReadPagesAsync<T>(string route, int limit, Func<T, long> key)
    {
        var pages = new List<List<T>>();
        var after = "";
        while (true)
        {
            var page = await ListAsync<T>($"{route}?limit={limit}{after}");
            pages.Add(page);
            if (page.Count < limit)
            {
                return pages;
            }

            after = $"&after={key(page[^1])}";
        }
    }
}
