using System.Globalization;
using CityServices.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CityServices.EventPipeline.Streams;

/// <summary>
/// A stream's version travels to clients as a strong ETag (<c>"3"</c>) and comes back in
/// <c>If-Match</c>, which turns into Marten's expected version. Strong, because RFC 9110 compares
/// If-Match strongly: a weak tag would never match.
/// </summary>
public static class EntityTags
{
    public static string ForVersion(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Sets the response's ETag to the stream version the client has now seen.</summary>
    public static void SetVersion(this HttpResponse response, long version) =>
        response.Headers.ETag = ForVersion(version);

    /// <summary>
    /// The version the client expects the stream to be at, from <c>If-Match</c>; null when the
    /// header is absent or <c>*</c> (no precondition).
    /// </summary>
    /// <exception cref="BadRequestException">If-Match is not a single strong ETag of a version.</exception>
    public static long? ExpectedVersion(this HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        if (EntityTagHeaderValue.TryParse(header, out var tag) && !tag.IsWeak
            && long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && version >= 1)
        {
            return version;
        }

        throw new BadRequestException(
            $"If-Match must be one strong ETag as returned in ETag, e.g. \"3\"; got {header}.");
    }
}
