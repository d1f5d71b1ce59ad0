using System.Text.Json;
using System.Text.RegularExpressions;

namespace CityServices.Architecture.Tests;

/// <summary>
/// The README's prerequisites are what the scripts need: the Node.js version it names is the one
/// tools/package.json declares and ./city checks, and every npm package the repository pins
/// accepts it. A dependency that asks for a newer Node fails here, not on a newcomer's machine.
/// </summary>
public sealed partial class SetupPrerequisiteTests
{
    [Fact]
    public void The_README_names_the_Node_version_the_tools_declare_and_the_install_script_checks()
    {
        var declared = DeclaredNodeMajor();

        Assert.Contains($"Node.js {declared} or newer", File.ReadAllText(Repository.PathOf("README.md")));
        Assert.Contains($"< {declared}))", File.ReadAllText(Repository.PathOf("tools", "city", "install.sh")));
    }

    [Fact]
    public void Every_pinned_npm_package_accepts_the_declared_Node_version()
    {
        var declared = DeclaredNodeMajor();
        var lockFiles = LockFiles();
        Assert.NotEmpty(lockFiles);

        var refused = new List<string>();
        foreach (var lockFile in lockFiles)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(lockFile));
            foreach (var package in document.RootElement.GetProperty("packages").EnumerateObject())
            {
                if (NodeRange(package.Value) is { } range && !AcceptsMajor(range, declared))
                {
                    refused.Add($"{Path.GetRelativePath(Repository.Root, lockFile)}: {package.Name} asks for node {range}");
                }
            }
        }

        Assert.Empty(refused);
    }

    [Theory]
    [InlineData(">=20", 20, true)]
    [InlineData(">= 14.6", 20, true)]
    [InlineData(">=22", 20, false)]
    [InlineData(">=20.19.0", 20, false)]
    [InlineData("^18 || ^20 || >=22", 20, false)]
    public void A_range_accepts_a_major_only_when_its_lowest_version_is_that_major_zero_or_older(
        string range, int major, bool accepted) =>
        Assert.Equal(accepted, AcceptsMajor(range, major));

    private static int DeclaredNodeMajor()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Repository.PathOf("tools", "package.json")));
        var range = package.RootElement.GetProperty("engines").GetProperty("node").GetString()!;
        return int.Parse(LowerBound().Match(range).Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every npm lock file the repository commits (tools/, and any web project).</summary>
    private static List<string> LockFiles() =>
        Directory.EnumerateFiles(Repository.Root, "package-lock.json", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}.city{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

    private static string? NodeRange(JsonElement package) =>
        package.TryGetProperty("engines", out var engines)
        && engines.ValueKind == JsonValueKind.Object
        && engines.TryGetProperty("node", out var node)
            ? node.GetString()
            : null;

    /// <summary>
    /// Only the plain lower bound (">=N", ">=N.M.P") is accepted as read; any other form is
    /// refused so that a person reads it, rather than a partial semver parser guessing.
    /// </summary>
    private static bool AcceptsMajor(string range, int major)
    {
        var bound = LowerBound().Match(range.Trim());
        if (!bound.Success)
        {
            return false;
        }

        var boundMajor = int.Parse(bound.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var rest = bound.Groups["rest"].Value.Trim('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
        return boundMajor < major || (boundMajor == major && rest.All(part => part == "0"));
    }

    [GeneratedRegex(@"^>=\s*(?<major>\d+)(?<rest>(\.\d+){0,2})$")]
    private static partial Regex LowerBound();
}
