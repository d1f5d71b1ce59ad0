using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace CityServices.Ledger.Anchoring;

// Typed messages for the committed AnchorRegistry ABI (contracts/AnchorRegistry). Nethereum builds
// them by reflection, hence public mutable properties.

[Function("anchor", "uint256")]
public sealed class AnchorFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint64", "treeSize", 2)]
    public BigInteger TreeSize { get; set; }
}

[Function("count", "uint256")]
public sealed class CountFunction : FunctionMessage;

[Function("anchorAt", typeof(AnchorAtOutput))]
public sealed class AnchorAtFunction : FunctionMessage
{
    [Parameter("uint256", "index", 1)]
    public BigInteger Index { get; set; }
}

[FunctionOutput]
public sealed class AnchorAtOutput : IFunctionOutputDTO
{
    [Parameter("bytes32", "root", 1)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint64", "treeSize", 2)]
    public BigInteger TreeSize { get; set; }

    [Parameter("uint64", "blockNumber", 3)]
    public BigInteger BlockNumber { get; set; }

    [Parameter("uint64", "timestamp", 4)]
    public BigInteger Timestamp { get; set; }
}

[Event("Anchored")]
public sealed class AnchoredEventDto : IEventDTO
{
    [Parameter("uint256", "index", 1, true)]
    public BigInteger Index { get; set; }

    [Parameter("bytes32", "root", 2, false)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint64", "treeSize", 3, false)]
    public BigInteger TreeSize { get; set; }

    [Parameter("address", "submitter", 4, true)]
    public string Submitter { get; set; } = "";
}
