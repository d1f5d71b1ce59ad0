using System.Xml.Linq;

namespace CityServices.Template.Tests;

/// <summary>
/// <c>dotnet new city-service</c> as a department's developer runs it: in a fresh copy of the
/// repository, a new service and its test project, built from scratch, whose generated tests pass
/// against the same real PostgreSQL, RabbitMQ and anvil as every other test.
/// </summary>
public sealed class ServiceTemplateTests
{
    private const string Name = "Parking";
    private const string Port = "5199";

    /// <summary>What the template's own files say before a name replaces them (templates/city-service).</summary>
    private static readonly string[] Placeholders = ["CityTemplate", "city-template", "city_template", "City template"];

    private static readonly string[] Generated =
    [
        $"services/{Name}/CityServices.{Name}/CityServices.{Name}.csproj",
        $"services/{Name}/CityServices.{Name}/Program.cs",
        $"tests/CityServices.{Name}.Tests/CityServices.{Name}.Tests.csproj",
    ];

    [Fact]
    public async Task A_service_made_from_the_template_builds_and_passes_its_generated_tests()
    {
        // given a fresh copy of the repository with a service made from the template
        using var repository = await ThrowawayRepository.CopyAsync(Toolchain.RepositoryRoot);
        await MakeServiceAsync(repository);

        // when its test project is built from scratch and run
        var reports = repository.Scratch("reports");
        await DotnetAsync(repository, TimeSpan.FromMinutes(8), "build", $"tests/CityServices.{Name}.Tests", "--disable-build-servers", "-nodeReuse:false");
        var run = await DotnetAsync(repository, TimeSpan.FromMinutes(5), "test", "--project", $"tests/CityServices.{Name}.Tests",
            "--no-build", "--results-directory", reports);

        // then every generated test ran and passed
        var totals = XDocument.Load(Path.Combine(reports, $"CityServices.{Name}.Tests.xunit.xml")).Descendants("assembly").Single();
        Assert.True(0 == run.ExitCode, run.Output);
        Assert.Equal("0", totals.Attribute("failed")?.Value);
        Assert.True(int.Parse(totals.Attribute("passed")!.Value, System.Globalization.CultureInfo.InvariantCulture) >= 10, run.Output);
    }

    [Fact]
    public async Task The_generated_files_name_the_new_service_and_keep_no_placeholder()
    {
        // given a service made from the template
        using var repository = await ThrowawayRepository.CopyAsync(Toolchain.RepositoryRoot);
        await MakeServiceAsync(repository);

        // when its files are read
        var files = Directory.EnumerateFiles(Path.Combine(repository.Root, "services", Name), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(repository.Root, "tests", $"CityServices.{Name}.Tests"), "*", SearchOption.AllDirectories))
            .ToList();

        // then they are where the layout puts a service, and no placeholder is left in them
        Assert.All(Generated, path => Assert.True(File.Exists(Path.Combine(repository.Root, path)), $"{path} was not generated"));
        var leftovers = files
            .SelectMany(file => Placeholders.Where(File.ReadAllText(file).Contains).Select(placeholder => $"{file}: {placeholder}"))
            .ToList();
        Assert.Empty(leftovers);
        Assert.Contains("new(\"parking\", \"parking\", \"Parking\")", File.ReadAllText(Path.Combine(repository.Root, Generated[1].Replace("Program.cs", $"{Name}Registration.cs", StringComparison.Ordinal))));
    }

    private static async Task MakeServiceAsync(ThrowawayRepository repository)
    {
        // The template engine's own state stays beside the copy, not in the user's profile.
        var hive = repository.Scratch("template-hive");
        await DotnetAsync(repository, TimeSpan.FromMinutes(2), "new", "install", Path.Combine(repository.Root, "templates", "city-service"),
            "--debug:custom-hive", hive);
        string[] instantiate = ["new", "city-service", "--name", Name, "--port", Port, "--output", repository.Root, "--debug:custom-hive", hive];
        // The template engine watches its own packages.json and, on a slow machine, can trip over
        // its own write of it right after the install (exit 70, "being used by another process").
        // Nothing is generated in that case, so running the command again is safe.
        for (var attempt = 1; ; attempt++)
        {
            var result = await CommandLine.RunAsync(repository.Root, TimeSpan.FromMinutes(2), Toolchain.Environment, "dotnet", instantiate);
            if (attempt < 3 && result.ExitCode == 70 && result.Output.Contains("being used by another process", StringComparison.Ordinal))
            {
                continue;
            }

            result.ShouldSucceed($"dotnet {string.Join(' ', instantiate)}");
            return;
        }
    }

    private static async Task<CommandResult> DotnetAsync(ThrowawayRepository repository, TimeSpan deadline, params string[] arguments)
    {
        var result = await CommandLine.RunAsync(repository.Root, deadline, Toolchain.Environment, "dotnet", arguments);
        return arguments[0] == "test" ? result : result.ShouldSucceed($"dotnet {string.Join(' ', arguments)}");
    }
}
