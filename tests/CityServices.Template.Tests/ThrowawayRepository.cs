namespace CityServices.Template.Tests;

/// <summary>
/// A copy of the repository's sources (what git tracks, plus new files it does not ignore) in a
/// temporary folder: a service is made from the template there and built from scratch, as on a
/// fresh clone, without touching the working tree or its build output.
/// </summary>
internal sealed class ThrowawayRepository : IDisposable
{
    private readonly DirectoryInfo _folder;

    private ThrowawayRepository(DirectoryInfo folder, string root)
    {
        _folder = folder;
        Root = root;
    }

    /// <summary>The copy's root, where CityServices.sln is.</summary>
    public string Root { get; }

    /// <summary>A folder beside the copy for the template engine's state and test reports.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(_folder.FullName, name)).FullName;

    public static async Task<ThrowawayRepository> CopyAsync(string source)
    {
        var folder = Directory.CreateTempSubdirectory("city-template-");
        var root = Directory.CreateDirectory(Path.Combine(folder.FullName, "repo")).FullName;
        var listing = await CommandLine.RunAsync(source, TimeSpan.FromMinutes(1), Toolchain.Environment,
            "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
        listing.ShouldSucceed("git ls-files");
        foreach (var file in listing.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var from = Path.Combine(source, file.Trim());
            if (File.Exists(from)) // a tracked file deleted in the working tree is left out, as git would
            {
                var to = Path.Combine(root, file.Trim());
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to);
            }
        }

        return new ThrowawayRepository(folder, root);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
