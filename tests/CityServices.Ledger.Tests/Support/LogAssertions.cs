namespace CityServices.Ledger.Tests.Support;

/// <summary>What a whole, sound log looks like, checked against an independently built in-memory tree.</summary>
internal static class LogAssertions
{
    /// <summary>Waits until <paramref name="marker"/> is a leaf: the positive signal that what was published before it was handled.</summary>
    public static Task WaitForLeafAsync(LedgerDatabase database, EventRecorded marker) =>
        Eventually.UntilAsync(() => database.HasLeafAsync(marker.EventId), found => found, $"the marker {marker.EventId} to be a leaf");

    /// <summary>
    /// Exactly the expected events, each once, at indices 0..n-1 with no gap; the head agrees; and
    /// the nodes table holds exactly every complete subtree, each with the hash the reference tree gives.
    /// </summary>
    public static async Task<List<LedgerDatabase.Leaf>> AssertWholeAsync(LedgerDatabase database, IReadOnlyCollection<EventRecorded> expected)
    {
        var leaves = await database.LeavesAsync();
        Assert.Equal(Enumerable.Range(0, expected.Count).Select(i => (long)i), leaves.Select(leaf => leaf.Index));
        Assert.Equal(expected.Count, await database.TreeSizeAsync());
        Assert.Equal(
            expected.ToDictionary(e => e.EventId, e => (e.Service, e.Sequence, e.LeafHash)),
            leaves.ToDictionary(l => l.EventId, l => (l.Service, l.Sequence, Hex.Encode(l.Hash))));

        var hashes = leaves.Select(leaf => leaf.Hash).ToList();
        var stored = await database.NodesAsync();
        var complete = Enumerable.Range(1, 62)
            .TakeWhile(level => hashes.Count >> level > 0)
            .SelectMany(level => Enumerable.Range(0, hashes.Count >> level).Select(index => new NodeId(level, index)))
            .ToList();
        Assert.Equal(complete.ToHashSet(), stored.Keys.ToHashSet());
        foreach (var node in complete)
        {
            var reference = new MerkleTree(hashes.GetRange((int)node.FirstLeaf, (int)node.LeafCount)).RootHash();
            Assert.True(reference.AsSpan().SequenceEqual(stored[node]), $"node {node} differs from the reference tree");
        }

        // The root a checkpoint would take from the stored nodes is the reference root.
        var lookup = stored.Concat(leaves.Select(l => KeyValuePair.Create(new NodeId(0, l.Index), l.Hash))).ToDictionary();
        Assert.Equal(new MerkleTree(hashes).RootHash(), MerklePlanner.TreeHead(hashes.Count).Assemble(lookup.GetValueOrDefault));
        return leaves;
    }
}
