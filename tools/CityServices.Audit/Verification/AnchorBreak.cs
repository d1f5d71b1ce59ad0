namespace CityServices.Audit.Verification;

/// <summary>The first place the anchored history does not hold together: between anchors <see cref="FirstIndex"/> and <see cref="SecondIndex"/>.</summary>
public sealed record AnchorBreak(long FirstIndex, long SecondIndex, long FirstSize, long SecondSize, string Reason);
