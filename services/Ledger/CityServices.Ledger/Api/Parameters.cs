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
