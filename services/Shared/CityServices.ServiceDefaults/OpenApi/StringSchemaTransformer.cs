using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Strings pass through <see cref="PolicedStringConverter"/>, and the OpenAPI generator describes a
/// type with a custom converter as <c>{}</c> (anything): every text field of every request would be
/// documented as untyped. This puts <c>"type": "string"</c> (with <c>null</c> where the property
/// is nullable) back, so clients and the generated hostile-input walk see what the service reads.
/// </summary>
internal static class StringSchemaTransformer
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type == typeof(string) && schema.Type is null)
        {
            var nullable = context.JsonPropertyInfo is { } property && (property.IsGetNullable || property.IsSetNullable);
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }

        return Task.CompletedTask;
    }
}
