using CityServices.Contracts.Ledger;
using CityServices.Hashing;

namespace CityServices.Ledger.Log.Ingest;

/// <summary>An <see cref="EventRecorded"/> message that passed validation: what the log stores of it.</summary>
public sealed record LeafSubmission(Guid EventId, string Service, long Sequence, byte[] LeafHash)
{
    /// <summary>Sequences, like every leaf-record counter, stop at 2^53 (docs/leaf-record.md).</summary>
    private const long LargestSequence = 1L << 53;

    /// <summary>The submission, or null and why the message can never become a leaf.</summary>
    public static LeafSubmission? From(EventRecorded message, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(message);
        problem = message switch
        {
            { EventId: var id } when id == Guid.Empty => "EventId must not be the empty GUID.",
            { Service: null } or { Service.Length: > LeafRecord.LongestAlias } => "Service must be a service alias (docs/leaf-record.md).",
            { Service: var service } when !LeafRecord.IsValidAlias(service) => $"Service must be a service alias (docs/leaf-record.md); got '{service}'.",
            { Sequence: < 1 or > LargestSequence } => $"Sequence must be between 1 and 2^53; got {message.Sequence}.",
            { LeafHash: null } => "LeafHash must be 64 lowercase hex digits.",
            { LeafHash: var hash } when hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower) =>
                $"LeafHash must be 64 lowercase hex digits; got '{Truncated(hash)}'.",
            _ => null,
        };
        // Both strings were checked for null above; the compiler cannot see through the switch.
        return problem is null ? new LeafSubmission(message.EventId, message.Service!, message.Sequence, Hex.DecodeHash(message.LeafHash!)) : null;
    }

    private static string Truncated(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
