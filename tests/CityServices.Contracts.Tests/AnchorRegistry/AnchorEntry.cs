namespace CityServices.Contracts.Tests.AnchorRegistry;

/// <summary>An anchor as the registry returns it; the root as lowercase hex so records compare whole.</summary>
internal sealed record AnchorEntry(string Root, ulong TreeSize, ulong BlockNumber, ulong Timestamp);
