using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CityServices.Architecture.Tests;

public sealed partial class CityCommandTests
{
    [Fact]
    public void The_README_describes_every_command_that_city_help_lists_and_no_other()
    {
        // given the commands ./city help lists
        var listed = HelpCommands(RunCity("help"));
        Assert.Contains("up", listed);
        Assert.Contains("test", listed);

        // when the README's commands are read
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var documented = ReadmeCommand().Matches(readme).Select(m => m.Groups[1].Value).ToHashSet();

        // then the two lists are the same
        Assert.Equal(listed.Order(), documented.Order());
    }

    /// <summary>The first word of each indented line of `./city help`, and help itself.</summary>
    private static HashSet<string> HelpCommands(string help) =>
        HelpCommand().Matches(help).Select(m => m.Groups[1].Value).Append("help").ToHashSet();

    private static string RunCity(string arguments)
    {
        var start = new ProcessStartInfo("bash", $"city {arguments}")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    [GeneratedRegex(@"^\s+([a-z][a-z-]*)\b", RegexOptions.Multiline)]
    private static partial Regex HelpCommand();

    [GeneratedRegex(@"`\./city ([a-z][a-z-]*)")]
    private static partial Regex ReadmeCommand();
}
