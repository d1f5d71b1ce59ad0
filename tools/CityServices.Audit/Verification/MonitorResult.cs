using CityServices.Audit.Chain;
using CityServices.Audit.Output;

namespace CityServices.Audit.Verification;

/// <summary>
/// The anchored history of one registry: how far it verified, and the first break if any, or why it
/// could not check further (<see cref="CouldNotCheck"/>: a refusal or an outage, never a break).
/// </summary>
public sealed record MonitorResult(
    string Contract, long AnchorCount, long PairsVerified, ChainAnchor? Latest, AnchorBreak? FirstBreak, string? CouldNotCheck = null) : IAuditResult
{
    public bool Verified => FirstBreak is null && CouldNotCheck is null;

    string? IAuditResult.Inconclusive => FirstBreak is null ? CouldNotCheck : null;

    public void WriteText(TextWriter output)
    {
        if (FirstBreak is null && CouldNotCheck is { } reason)
        {
            output.WriteLine($"COULD NOT CHECK: {reason}");
            output.WriteLine($"{PairsVerified} of {Math.Max(0, AnchorCount - 1)} consecutive pairs of {Contract} verified before it; nothing was proven wrong.");
            return;
        }

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
