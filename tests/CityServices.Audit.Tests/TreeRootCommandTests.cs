namespace CityServices.Audit.Tests;

public sealed class TreeRootCommandTests : IDisposable
{
    private static readonly ReferenceVectors Vectors = ReferenceVectors.Load();
    private readonly string _leaves = Path.GetTempFileName();

    public static TheoryData<int> Sizes() => [.. Vectors.Roots.Select(root => (int)root.TreeSize)];

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Root_of_the_first_n_reference_leaves_is_the_published_root(int size)
    {
        // given the first n leaf inputs, one hex string per line (the first is the empty leaf: an empty line)
        await File.WriteAllLinesAsync(_leaves, Vectors.LeafInputs.Take(size), Ct);

        // when
        var run = await Cli.RunAsync("root", "--leaves", _leaves);

        // then
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Vectors.Roots.Single(r => r.TreeSize == size).Root + Environment.NewLine, run.Stdout);
    }

    [Fact]
    public async Task Root_of_an_empty_file_is_the_empty_tree_head_and_json_gives_size_and_root()
    {
        await File.WriteAllTextAsync(_leaves, "", Ct);

        var run = await Cli.RunAsync("root", "--leaves", _leaves, "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json();
        Assert.Equal(0, json.GetProperty("treeSize").GetInt64());
        Assert.Equal(Vectors.EmptyRoot, json.GetProperty("rootHash").GetString());
        Assert.True(json.GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task A_line_that_is_not_hex_is_named_and_exits_with_2()
    {
        await File.WriteAllLinesAsync(_leaves, ["00", "xyz"], Ct);

        var run = await Cli.RunAsync("root", "--leaves", _leaves);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2", run.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_leaves);
}
