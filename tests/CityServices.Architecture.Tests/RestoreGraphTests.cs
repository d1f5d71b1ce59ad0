using System.Text.Json;

namespace CityServices.Architecture.Tests;

public sealed class RestoreGraphTests
{
    [Fact]
    public void No_project_restores_MassTransit_9_or_later_which_needs_a_commercial_licence()
    {
        // given the restore graph of every project in the solution
        var graphs = Repository.SolutionProjects()
            .Select(project => Path.Combine(Repository.PathOf(Path.GetDirectoryName(project)!), "obj", "project.assets.json"))
            .ToList();
        Assert.All(graphs, graph => Assert.True(File.Exists(graph), $"{graph} is missing: restore the solution first."));

        // when every library in it is listed
        var massTransit = graphs
            .SelectMany(graph => Libraries(graph).Select(library => (graph, library)))
            .Where(x => x.library.Name.StartsWith("MassTransit", StringComparison.OrdinalIgnoreCase))
            .ToList();

        // then MassTransit is there, and only as 8.x
        Assert.NotEmpty(massTransit);
        Assert.All(massTransit, x => Assert.True(x.library.Version.Major < 9, $"{x.library.Name} {x.library.Version} in {x.graph}"));
    }

    [Fact]
    public void Every_package_version_is_pinned_centrally()
    {
        var projects = Repository.SolutionProjects().Select(Repository.Load);

        var inlineVersions = projects
            .SelectMany(p => p.Descendants("PackageReference"))
            .Where(reference => reference.Attribute("Version") is not null)
            .Select(reference => reference.Attribute("Include")!.Value);

        Assert.Empty(inlineVersions);
    }

    private static IEnumerable<(string Name, Version Version)> Libraries(string assetsFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(assetsFile));
        foreach (var library in document.RootElement.GetProperty("libraries").EnumerateObject())
        {
            var parts = library.Name.Split('/');
            if (library.Value.GetProperty("type").GetString() == "package")
            {
                yield return (parts[0], Version.Parse(parts[1].Split('-')[0]));
            }
        }
    }
}
