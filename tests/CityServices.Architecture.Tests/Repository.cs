using System.Xml.Linq;

namespace CityServices.Architecture.Tests;

/// <summary>The repository the tests were built from, found from the test binaries' location.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Every project the solution builds, as paths relative to the root.</summary>
    public static IReadOnlyList<string> SolutionProjects() =>
        File.ReadLines(PathOf("CityServices.sln"))
            .Where(line => line.StartsWith("Project(", StringComparison.Ordinal))
            .Select(line => line.Split(',')[1].Trim().Trim('"').Replace('\\', '/'))
            .Where(path => path.EndsWith(".csproj", StringComparison.Ordinal))
            .ToList();

    public static XDocument Load(string relativePath) => XDocument.Load(PathOf(relativePath));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityServices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CityServices.sln not found above the test binaries.");
    }
}
