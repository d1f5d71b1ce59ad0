using Microsoft.OpenApi;

namespace CityServices.Ledger.Api;

/// <summary>
/// The page of every listing route: <c>after</c>, the last key already seen (exclusive; absent:
/// from the first), and <c>limit</c>, 1 to <see cref="MaxLimit"/> (absent: <see cref="DefaultLimit"/>).
/// A client reads on until a page comes back short.
/// </summary>
internal static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Documents <c>after</c> and <c>limit</c> of a listing of <paramref name="items"/> ordered by their <paramref name="key"/>.</summary>
    public static RouteHandlerBuilder DocumentsPage(this RouteHandlerBuilder endpoint, string key, string items) =>
        endpoint
            .Documents("after", JsonSchemaType.Integer, "int64", $"The last {key} already seen (exclusive); default: from the first.")
            .Documents("limit", JsonSchemaType.Integer, "int32", $"How many {items}, 1 to {MaxLimit}; default {DefaultLimit}.");

    /// <summary>The page <paramref name="list"/> reads, or the 400 naming the first bad parameter.</summary>
    public static Task<IResult> ListAsync<TItem>(string? after, string? limit, string key, Func<long, int, Task<IReadOnlyList<TItem>>> list) =>
        PageAsync(after, limit, key, async (afterKey, count) => Results.Ok(await list(afterKey, count)));

    /// <summary>The answer <paramref name="page"/> gives for valid <c>after</c> and <c>limit</c>, or the 400 naming the first bad one.</summary>
    public static async Task<IResult> PageAsync(string? after, string? limit, string key, Func<long, int, Task<IResult>> page)
    {
        var afterKey = -1L;
        if (after is not null && !Parameters.TryReadCount(after, out afterKey))
        {
            return Parameters.Invalid(nameof(after), $"after must be a non-negative integer: the last {key} already seen.");
        }

        var count = (long)DefaultLimit;
        if (limit is not null && (!Parameters.TryReadCount(limit, out count) || count is < 1 or > MaxLimit))
        {
            return Parameters.Invalid(nameof(limit), $"limit must be an integer from 1 to {MaxLimit}.");
        }

        return await page(afterKey, (int)count);
    }
}
