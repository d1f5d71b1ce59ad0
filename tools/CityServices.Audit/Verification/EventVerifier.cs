using CityServices.Audit.Chain;
using CityServices.Audit.Ledger;
using CityServices.Hashing;
using CityServices.Hashing.Merkle;

namespace CityServices.Audit.Verification;

/// <summary>
/// Verifies one event from the data in the auditor's hands up to a tree head on chain
/// (docs/ledger-api.md, "Receipts"): data hash, leaf hash, the proof's claims, the anchor on chain,
/// and the audit path against the chain's root and size. It stops at the first failed check.
/// </summary>
public sealed class EventVerifier(PinnedRegistry registry)
{
    /// <param name="document">The event, with or without its proof.</param>
    /// <param name="fetchProof">Where to get the proof when the document carries none (the ledger).</param>
    public async Task<EventVerificationResult> VerifyAsync(EventDocument document, Func<Guid, Task<ProofAnswer>>? fetchProof)
    {
        var checks = new List<Check>();
        EventVerificationResult Stop(Check failed, Guid? id = null, string? leafHash = null) => new(id, leafHash, [.. checks, failed]);

        LeafRecord record;
        try
        {
            record = LeafRecord.Parse(document.Record);
            checks.Add(Check.Pass("leaf record", $"a version-{LeafRecord.Version} record of {record.Service} #{record.Sequence}"));
        }
        catch (FormatException e)
        {
            return Stop(Check.Fail("leaf record", e.Message));
        }

        var id = record.EventId;
        var dataHash = DataHash(document);
        if (!HashText.Same(dataHash, record.DataSha256))
        {
            return Stop(Check.Fail("data hash", $"the data hashes to {dataHash}, but the record says dataSha256 {record.DataSha256}: the data was altered"), id);
        }

        checks.Add(Check.Pass("data hash", $"SHA-256 of the canonical data is {dataHash}, as the record says"));
        var leafHash = record.LeafHashHex();

        var answer = document.Proof is { } carried ? ProofAnswer.Found(carried)
            : fetchProof is null ? new ProofAnswer(null, ProofAnswerKind.NotInLog, "the file carries no proof and no --ledger was given")
            : await fetchProof(id);
        if (answer.Proof is not { } proof)
        {
            return Stop(Check.Fail("proof", answer.Detail), id, leafHash);
        }

        if (proof.EventId != id || proof.Service != record.Service || proof.Sequence != record.Sequence)
        {
            return Stop(Check.Fail("proof", $"the proof is for {proof.Service} #{proof.Sequence} ({proof.EventId}), not this event"), id, leafHash);
        }

        if (!HashText.Same(proof.LeafHash, leafHash))
        {
            return Stop(Check.Fail("leaf hash", $"the record hashes to leaf {leafHash}, but the proof is for leaf {proof.LeafHash}: the record was altered"), id, leafHash);
        }

        checks.Add(Check.Pass("leaf hash", $"the record hashes to leaf {leafHash}, the proof's leaf"));

        if (proof.Anchor.TreeSize != proof.TreeSize || !HashText.Same(proof.Anchor.RootHash, proof.RootHash))
        {
            return Stop(Check.Fail("proof", $"the proof is against root {proof.RootHash} of size {proof.TreeSize}, but its anchor is of size {proof.Anchor.TreeSize}"), id, leafHash);
        }

        var (anchorCheck, onChain) = await AnchorCheck.RunAsync(registry, proof.Anchor);
        checks.Add(anchorCheck);
        if (!anchorCheck.Passed || onChain is null)
        {
            return new EventVerificationResult(id, leafHash, checks);
        }

        checks.Add(Inclusion(proof, leafHash, onChain));
        return new EventVerificationResult(id, leafHash, checks);
    }

    /// <summary>The audit path against the root and size read from the chain, taken together from one anchor.</summary>
    public static Check Inclusion(InclusionProof proof, string leafHash, ChainAnchor onChain)
    {
        var result = MerkleVerifier.VerifyInclusion(
            proof.LeafIndex, onChain.TreeSize, Hex.DecodeHash(leafHash), HashText.TryDecodeAll(proof.AuditPath), Hex.DecodeHash(onChain.RootHash));
        return result.IsValid
            ? Check.Pass("inclusion", $"leaf {proof.LeafIndex} of {onChain.TreeSize} leads to the anchored root")
            : Check.Fail("inclusion", $"leaf {proof.LeafIndex} of {onChain.TreeSize}: {result.Failure}: {result.Reason}");
    }

    private static string DataHash(EventDocument document)
    {
        try
        {
            return EventDataHash.Compute(document.Data);
        }
        catch (CanonicalJsonException e)
        {
            return $"(not canonicalizable: {e.Message})";
        }
    }
}
