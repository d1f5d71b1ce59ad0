namespace CityServices.Contracts.Tests.AnchorRegistry;

/// <summary>A decoded <c>Anchored(index, root, treeSize, submitter)</c> log; the submitter lowercase.</summary>
internal sealed record AnchoredEvent(ulong Index, string Root, ulong TreeSize, string Submitter);
