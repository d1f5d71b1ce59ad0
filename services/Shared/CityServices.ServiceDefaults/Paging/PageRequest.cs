using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CityServices.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace CityServices.ServiceDefaults.Paging;

/// <summary>
/// One page of a list route: <c>?limit=</c> (1–<see cref="MaxLimit"/>, default <see cref="DefaultLimit"/>)
/// and <c>?cursor=</c>, an opaque token from the previous page's <c>Link: &lt;…&gt;; rel="next"</c>.
/// Lists are in a stable order of positions that only grow (a stream's versions, an append-only
/// list's indexes), so a page is "after position P": walking the pages sees each item once, and
/// items added meanwhile show up at the end.
/// </summary>
public sealed record PageRequest(int Limit, long After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    private const string CursorPrefix = "after:";

    /// <summary>The page the query asks for.</summary>
    /// <exception cref="InvalidFieldException">The limit is out of range, or the cursor was not issued by this API.</exception>
    public static PageRequest From(int? limit, string? cursor)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw new InvalidFieldException("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        return new(limit ?? DefaultLimit, cursor is null ? 0 : Decode(cursor));
    }

    /// <summary>The opaque cursor of the page after <paramref name="position"/>.</summary>
    public static string CursorAfter(long position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(CursorPrefix + position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// The items of this page out of <paramref name="fetched"/> (fetched with one more than the limit,
    /// in position order); when there are more, the answer gets a <c>Link</c> to the next page.
    /// </summary>
    public IReadOnlyList<T> Answer<T>(IReadOnlyList<T> fetched, Func<T, long> positionOf, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        ArgumentNullException.ThrowIfNull(positionOf);
        ArgumentNullException.ThrowIfNull(http);
        if (fetched.Count <= Limit)
        {
            return fetched;
        }

        var page = fetched.Take(Limit).ToList();
        http.Response.Headers.Append("Link", $"<{NextUri(http.Request, positionOf(page[^1]))}>; rel=\"next\"");
        return page;
    }

    /// <summary>A page of an in-memory list whose items' positions are their indexes plus one.</summary>
    public IReadOnlyList<T> Answer<T>(IReadOnlyList<T> all, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(all);
        var positioned = all.Select((item, index) => (Item: item, Position: index + 1L)).Skip((int)Math.Min(After, int.MaxValue)).Take(Limit + 1).ToList();
        return [.. Answer(positioned, item => item.Position, http).Select(item => item.Item)];
    }

    // The same path and query, with this page's cursor replaced: a reference relative to the request,
    // so it holds behind the gateway whatever host the client used.
    private static string NextUri(HttpRequest request, long position)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(parameter => !parameter.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(parameter => parameter.Value.Select(value => KeyValuePair.Create(parameter.Key, value)))
            .Append(KeyValuePair.Create("cursor", (string?)CursorAfter(position)));
        return $"{request.PathBase}{request.Path}{QueryString.Create(query)}";
    }

    private static long Decode(string cursor)
    {
        // A cursor this API issues is a few dozen characters; anything longer is refused before it is decoded.
        if (cursor.Length is > 0 and <= 64 && Base64Url.IsValid(cursor.AsSpan(), out _)
            && Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor.AsSpan())) is { } text && text.StartsWith(CursorPrefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            return position;
        }

        throw new InvalidFieldException("cursor", "cursor must be one this API issued, copied from a Link rel=\"next\"; start without one.");
    }
}
