using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;

namespace CityServices.EventPipeline.Commands.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> request header (IETF draft-ietf-httpapi-idempotency-key-header): a
/// Structured Field string, <c>"8e03978e-40d5-43e8-bc93-6894a57f9324"</c>. A bare value without
/// the quotes is taken too, as most clients send one. 1–255 printable ASCII characters.
/// </summary>
public static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";

    public const int LongestKey = 255;

    // The first key of PostgreSQL's two-key advisory locks: a space of its own, apart from Marten's one-key locks.
    private const int LockSpace = 0x1de7;

    /// <summary>The key the request carries, or null without the header.</summary>
    /// <exception cref="BadRequestException">The header is repeated, empty, too long or not printable ASCII.</exception>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers[HeaderName];
        if (values.Count == 0)
        {
            return null;
        }

        var key = values.Count == 1 ? Unquote(values[0]!.Trim()) : null;
        return key is { Length: > 0 and <= LongestKey } && key.All(c => c is >= ' ' and <= '~') && key.Trim().Length > 0
            ? key
            : throw new BadRequestException(
                $"{HeaderName} must be one string of 1 to {LongestKey} printable ASCII characters, e.g. \"8e03978e-40d5-43e8-bc93-6894a57f9324\" (a fresh UUID per operation).");
    }

    /// <summary>
    /// Where the answer to a key is kept: SHA-256 of the caller and the key, so one client's keys never
    /// meet another's and the database holds neither. The caller is the token's subject (a client id or
    /// a citizen id); a route open to anonymous callers shares one scope among them.
    /// </summary>
    public static string StorageId(ClaimsPrincipal user, string key)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scope = user.Identity?.IsAuthenticated == true ? user.Actor() : "anonymous";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}\n{key}")));
    }

    /// <summary>
    /// The transaction-scoped PostgreSQL advisory lock a keyed command holds while it runs (two-key
    /// form, a space apart from Marten's one-key locks): a duplicate that cannot take it is in flight.
    /// </summary>
    public static (int Space, int Key) LockOf(string storageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(storageId);
        return (LockSpace, Convert.ToInt32(storageId[..8], 16));
    }

    // sf-string: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE (RFC 9651 §3.3.3).
    private static string? Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value.Contains('"', StringComparison.Ordinal) ? null : value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (++i >= value.Length - 1 || value[i] is not ('"' or '\\'))
                {
                    return null;
                }

                c = value[i];
            }
            else if (c == '"')
            {
                return null;
            }

            text.Append(c);
        }

        return text.ToString();
    }
}
