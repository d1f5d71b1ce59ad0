using System.Xml.Linq;

namespace CityServices.Topology;

/// <summary>
/// Services never call each other's code: a project under services/&lt;Service&gt;/ may reference
/// its own service's projects, services/Shared/* and contracts/* only (docs/architecture.md, "Parts": they
/// react to each other's integration events, which live in contracts/).
/// </summary>
internal static class ServiceReferences
{
    /// <param name="references">Each project and the projects it references, as repository-relative paths.</param>
    public static IReadOnlyList<string> Findings(IEnumerable<(string Project, IEnumerable<string> References)> references) =>
        references
            .Where(p => ServiceOf(p.Project) is { } service && service != "Shared")
            .SelectMany(p => p.References
                .Where(reference => !Allowed(p.Project, reference))
                .Select(reference => $"{p.Project} references {reference}: a service may reference only its own projects, services/Shared/* and contracts/*"))
            .ToList();

    /// <summary>Every project under services/ and what it references, read from the repository.</summary>
    public static IEnumerable<(string Project, IEnumerable<string> References)> Read(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "services"), "*.csproj", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (
                Relative(root, file),
                XDocument.Load(file).Descendants("ProjectReference")
                    .Select(reference => Relative(root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, reference.Attribute("Include")!.Value.Replace('\\', '/')))))));

    private static bool Allowed(string project, string reference) =>
        reference.StartsWith("contracts/", StringComparison.Ordinal) || ServiceOf(reference) is "Shared" || ServiceOf(reference) == ServiceOf(project);

    private static string? ServiceOf(string path)
    {
        var parts = path.Split('/');
        return parts.Length > 2 && parts[0] == "services" ? parts[1] : null;
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
