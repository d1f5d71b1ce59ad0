using CityServices.Ledger.Proofs;

namespace CityServices.Ledger.Tests;

/// <summary>
/// A log of 37 leaves with checkpoints at 20 (anchor 0), 30 (anchor 1) and 37 (not yet anchored),
/// written as the anchoring writer would; every proof is checked against the anchor's root alone.
/// </summary>
public sealed class ProofApiTests(CityInfrastructure infrastructure) : IAsyncLifetime
{
    private static readonly DateTime AnchoredAt = new(2026, 11, 25, 5, 30, 0, DateTimeKind.Utc);
    private readonly string _prefix = CityInfrastructure.NewPrefix("ledger-proofs");
    private ServiceHost _ledger = null!;
    private List<EventRecorded> _events = null!;
    private MerkleTree _reference = null!;

    public async ValueTask InitializeAsync()
    {
        var postgres = await infrastructure.CreateDatabaseAsync("ledger_proofs");
        var database = new LedgerDatabase(postgres);
        _ledger = await TestLedger.StartAsync(infrastructure, postgres, _prefix);
        await using (var relay = await RecordedEvents.StartAsync(infrastructure, _prefix))
        {
            _events = RecordedEvents.Random(37, "voting");
            await relay.PublishAsync(_events);
        }

        await Eventually.UntilAsync(database.TreeSizeAsync, size => size >= 37, "37 leaves");
        var leaves = await LogAssertions.AssertWholeAsync(database, _events);
        _events = [.. leaves.Select(leaf => _events.Single(e => e.EventId == leaf.EventId))];
        _reference = new MerkleTree(leaves.Select(leaf => leaf.Hash));
        foreach (var (size, anchorIndex) in new[] { (20L, 0L), (30L, 1L), (37L, -1L) })
        {
            await database.InsertCheckpointAsync(size, _reference.RootHash(size));
            if (anchorIndex >= 0)
            {
                await database.InsertAnchorAsync(size, anchorIndex, AnchoredAt);
            }
        }
    }

    public ValueTask DisposeAsync() => _ledger.DisposeAsync();

    [Fact]
    public async Task The_latest_checkpoint_is_the_newest_even_before_it_is_anchored()
    {
        var checkpoint = await _ledger.Http.GetFromJsonAsync<Checkpoint>("/api/ledger/checkpoints/latest", Ct);

        Assert.Equal(new Checkpoint(37, Hex.Encode(_reference.RootHash(37)), checkpoint!.CreatedAt, null), checkpoint);
    }

    [Fact]
    public async Task An_inclusion_proof_verifies_against_the_latest_anchor_root()
    {
        // given an event whose leaf is index 5
        var recorded = _events[5];

        // when its proof is asked for without a tree size
        var proof = await _ledger.Http.GetFromJsonAsync<InclusionProof>($"/api/ledger/events/{recorded.EventId}/proof", Ct);

        // then it is against anchor 1 (size 30), and verifies with the anchor's root and size alone
        Assert.Equal(new InclusionProof(recorded.EventId, "voting", recorded.Sequence, 5, recorded.LeafHash, 30,
            Hex.Encode(_reference.RootHash(30)), proof!.AuditPath, ExpectedAnchor(1, 30)), proof);
        AssertVerifies(proof);
    }

    [Fact]
    public async Task An_inclusion_proof_against_an_older_anchored_size_verifies_against_that_anchor()
    {
        var proof = await _ledger.Http.GetFromJsonAsync<InclusionProof>($"/api/ledger/events/{_events[19].EventId}/proof?treeSize=20", Ct);

        Assert.Equal(ExpectedAnchor(0, 20), proof!.Anchor);
        AssertVerifies(proof);
    }

    [Fact]
    public async Task A_consistency_proof_between_anchored_sizes_verifies()
    {
        var proof = await _ledger.Http.GetFromJsonAsync<ConsistencyProof>("/api/ledger/consistency?first=20&second=30", Ct);

        Assert.Equal(new ConsistencyProof(20, 30, Hex.Encode(_reference.RootHash(20)), Hex.Encode(_reference.RootHash(30)), proof!.Proof), proof);
        var result = MerkleVerifier.VerifyConsistency(20, 30, Hex.DecodeHash(proof.FirstRoot), Hex.DecodeHash(proof.SecondRoot),
            [.. proof.Proof.Select(Hex.DecodeHash)]);
        Assert.True(result.IsValid, result.ToString());
    }

    [Fact]
    public async Task A_batch_proof_walked_page_by_page_proves_every_leaf_of_the_anchored_tree_and_no_later_one()
    {
        // when the anchored tree of size 30 is walked 7 leaves at a time, as city-audit walks it
        var batches = new List<BatchInclusionProof>();
        var after = -1L;
        do
        {
            var page = after < 0 ? "" : $"&after={after}";
            batches.Add((await _ledger.Http.GetFromJsonAsync<BatchInclusionProof>($"/api/ledger/proofs?treeSize=30&limit=7{page}", Ct))!);
            after = batches[^1].Proofs.Count > 0 ? batches[^1].Proofs[^1].LeafIndex : after;
        }
        while (batches[^1].Proofs.Count == 7);

        // then every page is against anchor 1, and its leaves are 0..29 in order, each the logged event, each verifying
        Assert.All(batches, batch => Assert.Equal((30L, Hex.Encode(_reference.RootHash(30)), ExpectedAnchor(1, 30)), (batch.TreeSize, batch.RootHash, batch.Anchor)));
        var proofs = batches.SelectMany(batch => batch.Proofs).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), proofs.Select(proof => proof.LeafIndex));
        Assert.Equal(_events.Take(30).Select(e => (e.EventId, "voting", e.Sequence, e.LeafHash)), proofs.Select(p => (p.EventId, p.Service, p.Sequence, p.LeafHash)));
        Assert.All(proofs, proof => Assert.True(MerkleVerifier.VerifyInclusion(proof.LeafIndex, 30, Hex.DecodeHash(proof.LeafHash),
            [.. proof.AuditPath.Select(Hex.DecodeHash)], _reference.RootHash(30)).IsValid, $"leaf {proof.LeafIndex}"));
    }

    [Fact]
    public async Task A_batch_proof_of_one_service_lists_only_its_leaves()
    {
        var voting = await _ledger.Http.GetFromJsonAsync<BatchInclusionProof>("/api/ledger/proofs?treeSize=20&service=voting&after=4&limit=1000", Ct);
        var other = await _ledger.Http.GetFromJsonAsync<BatchInclusionProof>("/api/ledger/proofs?treeSize=20&service=permits", Ct);

        Assert.Equal(Enumerable.Range(5, 15).Select(i => (long)i), voting!.Proofs.Select(proof => proof.LeafIndex));
        Assert.Empty(other!.Proofs);
    }

    [Fact]
    public async Task Anchors_are_listed_in_index_order_and_paged()
    {
        var all = await _ledger.Http.GetFromJsonAsync<List<Anchor>>("/api/ledger/anchors", Ct);
        var afterFirst = await _ledger.Http.GetFromJsonAsync<List<Anchor>>("/api/ledger/anchors?after=0&limit=5", Ct);
        var firstOnly = await _ledger.Http.GetFromJsonAsync<List<Anchor>>("/api/ledger/anchors?limit=1", Ct);

        Assert.Equal([ExpectedAnchor(0, 20), ExpectedAnchor(1, 30)], all!);
        Assert.Equal([ExpectedAnchor(1, 30)], afterFirst!);
        Assert.Equal([ExpectedAnchor(0, 20)], firstOnly!);
    }

    [Fact]
    public async Task Anchors_travel_in_the_documented_json_shape()
    {
        var body = await _ledger.Http.GetStringAsync("/api/ledger/anchors?limit=1", Ct);

        using var json = JsonDocument.Parse(body);
        var anchor = json.RootElement[0];
        Assert.Equal(
            ["index", "treeSize", "rootHash", "chainId", "contract", "transactionHash", "blockNumber", "blockHash", "anchoredAt"],
            anchor.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-11-25T05:30:00Z", anchor.GetProperty("anchoredAt").GetString());
    }

    [Fact]
    public async Task An_unknown_event_is_a_404_problem()
    {
        var response = await _ledger.Http.GetAsync($"/api/ledger/events/{Guid.NewGuid()}/proof", Ct);

        await Expect.ProblemAsync(HttpStatusCode.NotFound, response);
    }

    [Fact]
    public async Task An_event_not_yet_covered_by_an_anchor_is_a_409_problem_with_retry_after()
    {
        var response = await _ledger.Http.GetAsync($"/api/ledger/events/{_events[33].EventId}/proof", Ct);

        await Expect.ProblemAsync(HttpStatusCode.Conflict, response);
        Assert.Equal(TimeSpan.FromMinutes(1), response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData("/api/ledger/events/not-a-guid/proof", "eventId")]
    [InlineData("/api/ledger/events/{event}/proof?treeSize=abc", "treeSize")]
    [InlineData("/api/ledger/events/{event}/proof?treeSize=0", "treeSize")]
    [InlineData("/api/ledger/events/{event}/proof?treeSize=37", "treeSize")]
    [InlineData("/api/ledger/events/{late-event}/proof?treeSize=20", "treeSize")]
    [InlineData("/api/ledger/consistency?second=30", "first")]
    [InlineData("/api/ledger/consistency?first=0&second=30", "first")]
    [InlineData("/api/ledger/consistency?first=-1&second=30", "first")]
    [InlineData("/api/ledger/consistency?first=30&second=20", "second")]
    [InlineData("/api/ledger/consistency?first=25&second=30", "first")]
    [InlineData("/api/ledger/consistency?first=20&second=37", "second")]
    [InlineData("/api/ledger/anchors?after=x", "after")]
    [InlineData("/api/ledger/anchors?limit=0", "limit")]
    [InlineData("/api/ledger/anchors?limit=1001", "limit")]
    [InlineData("/api/ledger/proofs", "treeSize")]
    [InlineData("/api/ledger/proofs?treeSize=0", "treeSize")]
    [InlineData("/api/ledger/proofs?treeSize=37", "treeSize")]
    [InlineData("/api/ledger/proofs?treeSize=30&limit=1001", "limit")]
    [InlineData("/api/ledger/proofs?treeSize=30&limit=0", "limit")]
    [InlineData("/api/ledger/proofs?treeSize=30&after=-1", "after")]
    [InlineData("/api/ledger/proofs?treeSize=30&service=Voting", "service")]
    public async Task Bad_input_is_a_400_problem_naming_the_parameter(string path, string parameter)
    {
        var url = path.Replace("{event}", _events[5].EventId.ToString(), StringComparison.Ordinal)
            .Replace("{late-event}", _events[25].EventId.ToString(), StringComparison.Ordinal);

        var response = await _ledger.Http.GetAsync(url, Ct);

        var problem = await Expect.ProblemAsync(HttpStatusCode.BadRequest, response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_route_and_its_answers()
    {
        using var document = JsonDocument.Parse(await _ledger.Http.GetStringAsync("/openapi/v1.json", Ct));

        var paths = document.RootElement.GetProperty("paths");
        var proof = paths.GetProperty("/api/ledger/events/{eventId}/proof").GetProperty("get");
        Assert.Equal(["200", "400", "404", "409", "429"], proof.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
        Assert.True(proof.TryGetProperty("summary", out _));
        var treeSize = proof.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "treeSize");
        Assert.Equal("integer", treeSize.GetProperty("schema").GetProperty("type").GetString());
        Assert.True(paths.TryGetProperty("/api/ledger/checkpoints/latest", out _));
        Assert.True(paths.TryGetProperty("/api/ledger/consistency", out _));
        Assert.True(paths.TryGetProperty("/api/ledger/anchors", out _));
        var batch = paths.GetProperty("/api/ledger/proofs").GetProperty("get");
        Assert.Equal(["200", "400", "429"], batch.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order());
    }

    private Anchor ExpectedAnchor(long index, long treeSize) => new(
        index, treeSize, Hex.Encode(_reference.RootHash(treeSize)), 31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        $"0x{treeSize:x64}", 100 + index, $"0x{index + 1:x64}", AnchoredAt);

    private static void AssertVerifies(InclusionProof proof)
    {
        // The verifier takes root and size from the anchor, as an auditor reads them from the chain.
        var result = MerkleVerifier.VerifyInclusion(proof.LeafIndex, proof.Anchor.TreeSize, Hex.DecodeHash(proof.LeafHash),
            [.. proof.AuditPath.Select(Hex.DecodeHash)], Hex.DecodeHash(proof.Anchor.RootHash));
        Assert.True(result.IsValid, result.ToString());
    }
}
