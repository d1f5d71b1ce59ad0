using CityServices.Audit.Output;
using CityServices.Hashing;
using CityServices.Hashing.Merkle;

namespace CityServices.Audit.Verification;

/// <summary>The RFC 9162 tree head of leaf data given one hex string per line (an empty line is the empty leaf).</summary>
public static class TreeHead
{
    public static TreeHeadResult OfLeafFile(string path)
    {
        var text = File.ReadAllText(path);
        // An empty file has no lines (no leaves); otherwise the last newline ends the last line.
        var lines = text.Length == 0 ? [] : text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (text.EndsWith('\n'))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var leaves = lines.Select((line, i) => Decode(line.Trim(), i + 1)).ToList();
        var tree = MerkleTree.FromLeafData(leaves);
        return new TreeHeadResult(tree.Size, Hex.Encode(tree.Size == 0 ? MerkleHash.EmptyRoot() : tree.RootHash()));
    }

    private static byte[] Decode(string line, int number)
    {
        try
        {
            return Hex.Decode(line);
        }
        catch (FormatException e)
        {
            throw new AuditInputException($"--leaves line {number}: '{line}' is not hex. {e.Message}", e);
        }
    }
}

/// <summary>The text form is the root alone, so scripts can use it directly.</summary>
public sealed record TreeHeadResult(long TreeSize, string RootHash) : IAuditResult
{
    public bool Verified => true;

    public void WriteText(TextWriter output) => output.WriteLine(RootHash);
}
