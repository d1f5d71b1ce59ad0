namespace CityServices.Template.Tests;

/// <summary>How the tests call git and dotnet: quietly, and leaving no build server behind.</summary>
internal static class Toolchain
{
    /// <summary>
    /// Added to the inherited environment (which carries the CITY_* endpoints to the generated
    /// tests). The MSBuild variables the outer <c>dotnet test</c> may have set would point the
    /// inner build at the outer one's state, so they are removed.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["MSBuildExtensionsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["MSBuildSDKsPath"] = null,
    };

    /// <summary>The repository the tests were built from.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

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
