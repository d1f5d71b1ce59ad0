using System.Globalization;
using Microsoft.OpenApi;

namespace CityServices.Ledger.Api;

/// <summary>
/// Route and query values arrive as text and are parsed here, so every bad input is a 400 problem
/// whose <c>errors</c> names the parameter, never the framework's anonymous binding failure.
/// </summary>
internal static class Parameters
{
    public static IResult Invalid(string name, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [message] }, detail: message);

    /// <summary>A non-negative decimal integer: digits only, no sign, no spaces.</summary>
    public static bool TryReadCount(string? text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// A listing's page: <c>after</c> an exclusive key (absent: -1, from the first) and <c>limit</c>
    /// 1 to <paramref name="maxLimit"/> (absent: <paramref name="defaultLimit"/>); null when both are valid,
    /// else the 400 naming the first bad one.
    /// </summary>
    public static IResult? TryReadPage(
        string? after, string? limit, string afterMeaning, int defaultLimit, int maxLimit, out long afterKey, out int count)
    {
        afterKey = -1;
        count = defaultLimit;
        if (after is not null && !TryReadCount(after, out afterKey))
        {
            return Invalid(nameof(after), $"after must be a non-negative integer: {afterMeaning}.");
        }

        if (limit is not null)
        {
            if (!TryReadCount(limit, out var parsed) || parsed is < 1 || parsed > maxLimit)
            {
                return Invalid(nameof(limit), $"limit must be an integer from 1 to {maxLimit}.");
            }

            count = (int)parsed;
        }

        return null;
    }

    /// <summary>Documents a parameter bound as text with the type it is parsed as.</summary>
    public static RouteHandlerBuilder Documents(
        this RouteHandlerBuilder endpoint, string name, JsonSchemaType type, string format, string description) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name) is { } parameter)
            {
                parameter.Schema = new OpenApiSchema { Type = type, Format = format };
                parameter.Description = description;
            }

            return Task.CompletedTask;
        });
}
