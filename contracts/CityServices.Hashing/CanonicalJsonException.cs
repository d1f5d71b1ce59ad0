namespace CityServices.Hashing;

/// <summary>
/// The JSON cannot be canonicalized (RFC 8785) without changing or guessing its meaning:
/// it is not valid JSON, repeats a member name, holds a lone surrogate, or holds a number
/// that a double cannot carry (see <see cref="CanonicalJson"/>).
/// </summary>
public sealed class CanonicalJsonException : FormatException
{
    /// <summary>Creates the exception with a message naming what is wrong and the JSONPath of where.</summary>
    public CanonicalJsonException(string message, string? path, Exception? innerException)
        : base(message, innerException) => Path = path;

    /// <summary>
    /// Where the offending value sits, as a JSONPath such as <c>$.goods[0].price</c>;
    /// <see langword="null"/> when the text is not JSON at all.
    /// </summary>
    public string? Path { get; }
}
