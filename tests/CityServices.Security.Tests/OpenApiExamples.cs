using System.Globalization;

namespace CityServices.Security.Tests;

/// <summary>
/// Reads an OpenAPI 3.1 document as ASP.NET Core writes it: operations, $refs, and a valid example
/// per schema. <paramref name="known"/> gives, by property or parameter name, values a schema cannot
/// tell (an existing citizen's id, a national id of the right form, a public key).
/// </summary>
internal sealed class OpenApiExamples(JsonNode document, IReadOnlyDictionary<string, Func<JsonNode>> known)
{
    /// <summary>Every operation: method, path template and its OpenAPI object.</summary>
    public IEnumerable<(HttpMethod Method, string Path, JsonObject Operation)> Operations() =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Value is JsonObject && operation.Key is "get" or "post" or "put" or "patch" or "delete"
        select (HttpMethod.Parse(operation.Key), path.Key, operation.Value!.AsObject());

    /// <summary>The schema with its <c>$ref</c> followed, and of a choice (a nullable reference) the first that is not <c>null</c>.</summary>
    public JsonObject Resolve(JsonNode? schema)
    {
        var node = schema as JsonObject ?? [];
        for (var depth = 0; depth < 10; depth++)
        {
            if (node["$ref"] is JsonValue reference)
            {
                node = document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!.AsObject();
            }
            else if ((node["oneOf"] ?? node["anyOf"]) is JsonArray choices
                && choices.OfType<JsonObject>().FirstOrDefault(choice => (string?)choice["type"] != "null") is { } choice)
            {
                node = choice;
            }
            else
            {
                break;
            }
        }

        return node;
    }

    /// <summary>The schema's JSON type, the first that is not <c>null</c> (3.1 writes <c>["string", "null"]</c>).</summary>
    public string TypeOf(JsonNode? schema)
    {
        var resolved = Resolve(schema);
        if (resolved["enum"] is not null)
        {
            return "enum";
        }

        return resolved["type"] switch
        {
            JsonValue single => single.GetValue<string>(),
            JsonArray several => several.Select(type => type!.GetValue<string>()).FirstOrDefault(type => type != "null") ?? "null",
            _ => resolved["properties"] is not null ? "object" : "any",
        };
    }

    /// <summary>Whether the schema allows <c>null</c> (a 3.1 type list, a nullable choice or enum).</summary>
    public bool AllowsNull(JsonNode? schema)
    {
        var node = schema as JsonObject ?? [];
        if ((node["oneOf"] ?? node["anyOf"]) is JsonArray choices && choices.OfType<JsonObject>().Any(choice => (string?)choice["type"] == "null"))
        {
            return true;
        }

        var resolved = Resolve(node);
        return (resolved["type"] is JsonArray types && types.Any(type => (string?)type == "null"))
            || (resolved["enum"] is JsonArray members && members.Any(member => member is null));
    }

    /// <summary>The properties of an object schema, own and inherited (allOf).</summary>
    public IEnumerable<(string Name, JsonNode Schema)> Properties(JsonNode? schema)
    {
        var resolved = Resolve(schema);
        var own = (resolved["properties"] as JsonObject ?? []).Select(property => (property.Key, property.Value!));
        var inherited = (resolved["allOf"] as JsonArray ?? []).SelectMany(Properties);
        return own.Concat(inherited);
    }

    /// <summary>A value the schema accepts: strings "x", uuids new, enums their first value, dates valid.</summary>
    public JsonNode? Example(JsonNode? schema, int depth = 0)
    {
        var resolved = Resolve(schema);
        if (resolved["example"] is { } example)
        {
            return example.DeepClone();
        }

        switch (TypeOf(resolved))
        {
            case "enum":
                return JsonValue.Create(resolved["enum"]!.AsArray().First(value => value is not null)!.GetValue<JsonElement>().ToString());
            case "object" when depth < 6:
                var body = new JsonObject();
                foreach (var (name, property) in Properties(resolved))
                {
                    body[name] = known.TryGetValue(name, out var value) ? value() : Example(property, depth + 1);
                }

                return body;
            case "array" when depth < 6:
                return new JsonArray(Example(resolved["items"], depth + 1));
            case "integer" or "number":
                return JsonValue.Create(Math.Max(1, resolved["minimum"]?.GetValue<JsonElement>().GetDecimal() ?? 1));
            case "boolean":
                return JsonValue.Create(true);
            case "string":
                return JsonValue.Create(StringExample(resolved));
            default:
                return null;
        }
    }

    /// <summary>The example of a path or query parameter, as text.</summary>
    public string TextExample(string name, JsonNode? schema) => (known.TryGetValue(name, out var given) ? given() : Example(schema)) switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => "x",
    };

    private static string StringExample(JsonObject schema) => schema["format"]?.GetValue<string>() switch
    {
        "uuid" => Guid.NewGuid().ToString(),
        "date" => "2000-01-02",
        "date-time" => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        "int32" or "int64" => "1",
        _ => "x",
    };
}
