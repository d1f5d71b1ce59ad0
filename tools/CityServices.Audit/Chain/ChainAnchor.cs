namespace CityServices.Audit.Chain;

/// <summary>An anchor as <c>anchorAt(index)</c> returns it; the root as lowercase hex without 0x, as the ledger writes roots.</summary>
public sealed record ChainAnchor(long Index, string RootHash, long TreeSize, long BlockNumber, long Timestamp);
