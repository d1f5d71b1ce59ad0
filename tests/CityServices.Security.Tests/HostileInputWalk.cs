using System.Text;

namespace CityServices.Security.Tests;

/// <summary>One request of the walk: which value is hostile, and the request that carries it.</summary>
internal sealed record WalkCase(string Label, string PathAndQuery, string? Body, bool ValidText = false);

/// <summary>What a walk over one service sent and found.</summary>
/// <summary>An operation's valid request: escaped path and query values, the body's schema and example.</summary>
internal sealed record Skeleton(
    Dictionary<string, string> Path, Dictionary<string, string> Query, JsonNode? BodySchema, JsonNode? Body, HashSet<string> TextParameters);

internal sealed record WalkReport(int Operations, int Requests, IReadOnlyList<string> Failures, IReadOnlyList<string> Summary);

/// <summary>
/// Generates, from a service's OpenAPI document, every operation's requests with one path
/// parameter, query parameter or JSON body property (nested ones included) hostile at a time,
/// the rest valid; sends them; and reports every 5xx, every 4xx that is not a problem, and every
/// operation after whose hostile requests the event store holds more than before.
/// </summary>
internal static class HostileInputWalk
{
    private const string Placeholder = "@@hostile@@";

    /// <summary>
    /// A NUL in the request path is refused by Kestrel while it parses the request line, before the
    /// application (and so its problem writer) sees the request: a bare 400 is the right answer there.
    /// </summary>
    private static bool IsServerRefusal(WalkCase walk) =>
        walk.Label.StartsWith("path ", StringComparison.Ordinal) && walk.Label.EndsWith(" = NUL", StringComparison.Ordinal);

    public static async Task<WalkReport> RunAsync(
        HttpClient client, IReadOnlyDictionary<string, Func<JsonNode>> known, Func<Task<long>> storedEvents, CancellationToken ct)
    {
        var api = new OpenApiExamples(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", ct))!, known);
        var failures = new List<string>();
        var summary = new List<string>();
        var (operations, requests) = (0, 0);
        foreach (var (method, path, operation) in api.Operations())
        {
            operations++;
            var skeleton = ValidRequest(api, operation);
            var cases = Cases(api, path, skeleton).ToList();
            // The valid request first, unchecked (it may store what it should): what it answers shows
            // how far a hostile value must get (past binding, to the domain) before it is refused.
            var answer = cases.Count > 0 ? await SkeletonStatusAsync(client, method, path, skeleton, ct) : "(none sent)";
            summary.Add($"{method} {path}: {cases.Count} hostile requests; the valid one answered {answer}");
            var before = await storedEvents();
            foreach (var walk in cases)
            {
                using var request = new HttpRequestMessage(method, walk.PathAndQuery);
                if (walk.Body is not null)
                {
                    request.Content = new StringContent(walk.Body, Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, ct);
                requests++;
                if (await WrongAsync(response, walk, ct) is { } wrong)
                {
                    failures.Add($"{method} {path} with {walk.Label}: {wrong}");
                }

                // Counted after each request, so a stored event names the value that got in. Valid text
                // (an emergency read's reason "-1") makes a valid request, which may record what it did.
                var after = await storedEvents();
                if (after != before && !walk.ValidText)
                {
                    failures.Add($"{method} {path} with {walk.Label}: answered {(int)response.StatusCode} and stored {after - before} event(s)");
                }

                before = after;
            }
        }

        return new WalkReport(operations, requests, failures, summary);
    }

    private static async Task<string> SkeletonStatusAsync(HttpClient client, HttpMethod method, string template, Skeleton skeleton, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, Url(template, skeleton.Path, skeleton.Query, null, null));
        if (skeleton.Body is not null)
        {
            request.Content = new StringContent(skeleton.Body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, ct);
        return $"{(int)response.StatusCode} {skeleton.Body?.ToJsonString()} {await response.Content.ReadAsStringAsync(ct)}";
    }

    public static IEnumerable<WalkCase> Cases(OpenApiExamples api, string template, Skeleton skeleton)
    {
        var (path, query, bodySchema, body, texts) = skeleton;
        var validBody = body?.ToJsonString();

        foreach (var name in path.Keys)
        {
            foreach (var (label, escaped) in HostileValues.InUrl)
            {
                yield return new WalkCase($"path {name} = {label}", Url(template, path, query, name, escaped), validBody,
                    texts.Contains(name) && HostileValues.IsValidText(label));
            }
        }

        foreach (var name in query.Keys)
        {
            foreach (var (label, escaped) in HostileValues.InUrl)
            {
                yield return new WalkCase($"query {name} = {label}", Url(template, path, query, name, escaped), validBody,
                    texts.Contains(name) && HostileValues.IsValidText(label));
            }
        }

        if (body is null)
        {
            yield break;
        }

        var url = Url(template, path, query, null, null);
        foreach (var (label, whole) in HostileValues.WholeBodies)
        {
            yield return new WalkCase($"body = {label}", url, whole);
        }

        if (body is JsonObject root)
        {
            yield return new WalkCase("an unknown property", url, WithExtraProperty(root));
        }

        foreach (var (pointer, schema) in Fields(api, bodySchema!, []))
        {
            var type = api.TypeOf(schema);
            foreach (var (label, json) in HostileValues.InJson(type, api.AllowsNull(schema)))
            {
                // An empty string is valid free text; what the service does with it may be stored.
                yield return new WalkCase($"{string.Join('.', pointer)} = {label}", url, Replace(body, pointer, json),
                    type == "string" && json == "\"\"");
            }

            var valid = Get(body, pointer)?.ToJsonString() ?? "null";
            if (pointer[^1] is string name)
            {
                yield return new WalkCase($"{string.Join('.', pointer)} given twice", url, Replace(body, pointer, $"{valid}, \"{name}\": {valid}"));
            }

            if (Get(body, pointer) is JsonObject nested)
            {
                yield return new WalkCase($"{string.Join('.', pointer)} with an unknown property", url, Replace(body, pointer, WithExtraProperty(nested)));
            }
        }
    }

    /// <summary>The valid request: an example for every path and query parameter (escaped) and for the body.</summary>
    private static Skeleton ValidRequest(OpenApiExamples api, JsonObject operation)
    {
        var parameters = (operation["parameters"] as JsonArray ?? []).Select(parameter => api.Resolve(parameter)).ToList();
        var path = parameters.Where(p => (string?)p["in"] == "path")
            .ToDictionary(p => (string)p["name"]!, p => Uri.EscapeDataString(api.TextExample((string)p["name"]!, p["schema"])));
        var query = parameters.Where(p => (string?)p["in"] == "query")
            .ToDictionary(p => (string)p["name"]!, p => Uri.EscapeDataString(api.TextExample((string)p["name"]!, p["schema"])));
        var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
        var texts = parameters.Where(p => api.TypeOf(p["schema"]) == "string" && (string?)api.Resolve(p["schema"])["format"] is null)
            .Select(p => (string)p["name"]!).ToHashSet();
        return new Skeleton(path, query, bodySchema, bodySchema is null ? null : api.Example(bodySchema), texts);
    }

    /// <summary>Every property of the body, depth first: its path (names, and 0 for an array's item) and schema.</summary>
    private static IEnumerable<(object[] Pointer, JsonNode Schema)> Fields(OpenApiExamples api, JsonNode schema, object[] at)
    {
        if (at.Length > 6)
        {
            yield break;
        }

        var resolved = api.Resolve(schema);
        switch (api.TypeOf(resolved))
        {
            case "object":
                foreach (var (name, property) in api.Properties(resolved))
                {
                    object[] pointer = [.. at, name];
                    yield return (pointer, property);
                    foreach (var inner in Fields(api, property, pointer))
                    {
                        yield return inner;
                    }
                }

                break;
            case "array":
                foreach (var inner in Fields(api, resolved["items"]!, [.. at, 0]))
                {
                    yield return inner;
                }

                break;
        }
    }

    private static string Url(string template, Dictionary<string, string> path, Dictionary<string, string> query, string? hostileName, string? hostile)
    {
        var url = template;
        foreach (var (name, value) in path)
        {
            url = url.Replace($"{{{name}}}", name == hostileName ? hostile : value, StringComparison.Ordinal);
        }

        var pairs = query.Select(pair => $"{pair.Key}={(pair.Key == hostileName ? hostile : pair.Value)}").ToList();
        return pairs.Count == 0 ? url : $"{url}?{string.Join('&', pairs)}";
    }

    private static JsonNode? Get(JsonNode? node, object[] pointer)
    {
        foreach (var step in pointer)
        {
            node = step is string name ? node?[name] : node?[(int)step];
        }

        return node;
    }

    /// <summary>The body with the value at <paramref name="pointer"/> replaced by raw JSON text, which may be invalid JSON by design.</summary>
    private static string Replace(JsonNode body, object[] pointer, string json)
    {
        var copy = body.DeepClone();
        var parent = Get(copy, pointer[..^1])!;
        if (pointer[^1] is string name)
        {
            parent[name] = Placeholder;
        }
        else
        {
            parent[(int)pointer[^1]] = Placeholder;
        }

        return copy.ToJsonString().Replace($"\"{Placeholder}\"", json, StringComparison.Ordinal);
    }

    private static string WithExtraProperty(JsonObject node)
    {
        var copy = node.DeepClone().AsObject();
        copy["notPartOfTheRequest"] = "x";
        return copy.ToJsonString();
    }

    /// <summary>Why the answer is wrong, or null: a 5xx, or a 4xx that is not an RFC 9457 problem.</summary>
    private static async Task<string?> WrongAsync(HttpResponseMessage response, WalkCase walk, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status < 400 || (status == 400 && IsServerRefusal(walk) && response.Content.Headers.ContentLength == 0))
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        var excerpt = text.Length > 300 ? text[..300] : text;
        if (status >= 500)
        {
            return $"{status} {excerpt}";
        }

        return response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? null
            : $"{status} without a problem body ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {excerpt}";
    }
}
