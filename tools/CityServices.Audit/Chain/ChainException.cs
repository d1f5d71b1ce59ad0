namespace CityServices.Audit.Chain;

/// <summary>The chain could not be read (unreachable, or an answer that is not what the registry returns).</summary>
public sealed class ChainException(string message, Exception? inner = null) : Exception(message, inner);
