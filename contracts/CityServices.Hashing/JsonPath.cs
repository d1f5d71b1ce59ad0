using System.Text.RegularExpressions;

namespace CityServices.Hashing;

/// <summary>
/// The JSONPath of the value being visited (<c>$.goods[0]['unit price']</c>), so an error can
/// say where it is. Kept as a stack because the canonical writer walks the tree depth first.
/// </summary>
internal sealed partial class JsonPath
{
    private readonly List<string> segments = [];

    public void PushMember(string name) => segments.Add(PlainName().IsMatch(name) ? "." + name : $"['{Quoted(name)}']");

    public void PushIndex(int index) => segments.Add($"[{index}]");

    public void Pop() => segments.RemoveAt(segments.Count - 1);

    public override string ToString() => "$" + string.Concat(segments);

    private static string Quoted(string name) =>
        name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex PlainName();
}
