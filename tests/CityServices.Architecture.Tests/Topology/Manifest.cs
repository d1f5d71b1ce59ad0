using System.Text.RegularExpressions;

namespace CityServices.Topology;

/// <summary>
/// tools/city/deployables, the platform's one topology source, read as <c>./city</c> reads it
/// (tools/city/services.sh): one deployable a line, <c>name port project database route policy needs</c>,
/// <c>-</c> for none. Shared as source by the architecture and end-to-end tests.
/// </summary>
internal sealed partial record Manifest(IReadOnlyList<Deployable> Deployables)
{
    public const string RelativePath = "tools/city/deployables";

    public Deployable this[string name] => Deployables.Single(d => d.Name == name);

    public static Manifest Load(string repositoryRoot) => Parse(File.ReadAllText(Path.Combine(repositoryRoot, RelativePath)));

    public static Manifest Parse(string text)
    {
        var deployables = new List<Deployable>();
        foreach (var (line, number) in text.Split('\n').Select((line, index) => (line.Trim(), index + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var columns = Whitespace().Split(line);
            if (columns.Length != 7 || !Name().IsMatch(columns[0]) || !int.TryParse(columns[1], out var port))
            {
                throw new FormatException($"{RelativePath} line {number}: expected 'name port project database route policy needs'");
            }

            deployables.Add(new Deployable(
                columns[0], port, Optional(columns[2]), Optional(columns[3]), Optional(columns[4]), Optional(columns[5]),
                columns[6] == "-" ? [] : columns[6].Split(',')));
        }

        return new Manifest(deployables);
    }

    /// <summary>
    /// The settings <paramref name="deployable"/>'s needs column asks for, given where each
    /// deployable of this run listens and where the run keeps its state files.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> SettingsOf(Deployable deployable, Func<Deployable, Uri> addressOf, Func<string, string> stateFile)
    {
        foreach (var need in deployable.Needs)
        {
            if (need == "routes")
            {
                foreach (var routed in Deployables.Where(d => d.Route is not null))
                {
                    yield return new($"ReverseProxy:Clusters:{routed.Name}:Destinations:{routed.Name}-1:Address", addressOf(routed).ToString());
                }

                continue;
            }

            var (key, value) = (need[..need.IndexOf('=', StringComparison.Ordinal)], need[(need.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            yield return value switch
            {
                _ when value.StartsWith("url:", StringComparison.Ordinal) => new(key, addressOf(this[value[4..]]).ToString()),
                _ when value.StartsWith("file:", StringComparison.Ordinal) => new(key, stateFile(value[5..])),
                _ => throw new FormatException($"{RelativePath}: the need '{need}' of {deployable.Name} is neither Key=url:<name>, Key=file:<file> nor routes"),
            };
        }
    }

    private static string? Optional(string column) => column == "-" ? null : column;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Name();
}

/// <summary>One line of the manifest; <see cref="Project"/> is null for a planned deployable, not built yet.</summary>
internal sealed record Deployable(
    string Name, int Port, string? Project, string? Database, string? Route, string? Policy, IReadOnlyList<string> Needs)
{
    /// <summary>The gateway: the deployable that routes to the others.</summary>
    public bool IsEntryPoint => Needs.Contains("routes");
}
