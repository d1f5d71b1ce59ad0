namespace CityServices.Identity.Http;

/// <summary>A request field the binder accepted but the service cannot (a public key of the wrong curve): a 400 naming it.</summary>
public sealed class InvalidRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
