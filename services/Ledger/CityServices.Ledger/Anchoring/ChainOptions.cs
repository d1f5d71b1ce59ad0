using System.ComponentModel.DataAnnotations;
using CityServices.ServiceDefaults;

namespace CityServices.Ledger.Anchoring;

/// <summary>
/// The chain the ledger anchors on (section <c>Ledger:Chain</c>). <c>RpcUrl</c> and <c>ChainId</c>
/// fall back to the platform-wide <c>Chain:RpcUrl</c> and <c>Chain:ChainId</c> that <c>./city</c>
/// gives every service; the ledger's own keys win when both are set. They are required only on
/// replicas that run the anchoring writer: a proof reader needs neither the chain nor the key.
/// </summary>
public sealed class ChainOptions
{
    /// <summary>JSON-RPC endpoint of an EVM node.</summary>
    [AbsoluteUri]
    public Uri? RpcUrl { get; set; }

    /// <summary>The chain's EIP-155 id; the ledger refuses to anchor on a node that reports another.</summary>
    [Range(0, long.MaxValue)]
    public long ChainId { get; set; }

    /// <summary>The ledger account's key (hex, 32 bytes): a secret, from the environment or a Kubernetes secret.</summary>
    [RegularExpression("^(0x)?[0-9a-fA-F]{64}$", ErrorMessage = "must be 32 bytes of hex (64 digits, optionally 0x-prefixed).")]
    public string? PrivateKey { get; set; }

    /// <summary>
    /// The AnchorRegistry to use. Empty: the ledger deploys the committed bytecode once and records
    /// the address in <c>ledger.anchor_registry</c>, so restarts reuse it.
    /// </summary>
    [RegularExpression("^(0x[0-9a-fA-F]{40})?$", ErrorMessage = "must be empty or a 0x-prefixed 20-byte address.")]
    public string? ContractAddress { get; set; }

    /// <summary>How long to wait for a receipt or for confirmations before the next cycle looks again from the chain's state.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often receipts and the chain head are polled while waiting.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
