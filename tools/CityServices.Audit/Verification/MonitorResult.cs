using CityServices.Audit.Chain;
using CityServices.Audit.Output;

namespace CityServices.Audit.Verification;

/// <summary>The anchored history of one registry: how far it verified, and the first break if any.</summary>
public sealed record MonitorResult(string Contract, long AnchorCount, long PairsVerified, ChainAnchor? Latest, AnchorBreak? FirstBreak) : IAuditResult
{
    public bool Verified => FirstBreak is null;

    public void WriteText(TextWriter output)
    {
        if (FirstBreak is { } b)
        {
            output.WriteLine($"FAILED: anchors #{b.FirstIndex} (size {b.FirstSize}) and #{b.SecondIndex} (size {b.SecondSize}) of {Contract}: {b.Reason}");
            output.WriteLine($"{PairsVerified} consecutive pairs before it verified.");
            return;
        }

        output.WriteLine(Latest is null
            ? $"VERIFIED: the registry {Contract} holds no anchors yet."
            : $"VERIFIED: all {AnchorCount} anchors of {Contract} form one append-only history ({PairsVerified} consistency proofs); "
              + $"latest #{Latest.Index}: size {Latest.TreeSize}, root {Latest.RootHash}.");
    }
}
