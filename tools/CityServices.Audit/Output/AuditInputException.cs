namespace CityServices.Audit.Output;

/// <summary>An input the auditor gave cannot be used; the message names it and says why.</summary>
public sealed class AuditInputException(string message, Exception? inner = null) : Exception(message, inner);
