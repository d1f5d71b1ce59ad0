using Microsoft.Extensions.Configuration.Json;

namespace CityServices.Gateway.Routing;

/// <summary>
/// The routes and clusters <c>./city routes</c> generates from tools/city/deployables
/// (appsettings.Routes.json), read right after appsettings.json: the environment's file,
/// environment variables and arguments still override any of them (a deployment's destinations).
/// </summary>
internal static class GeneratedRoutes
{
    public const string FileName = "appsettings.Routes.json";

    public static void AddGeneratedRoutes(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var appsettings = sources.OfType<JsonConfigurationSource>().FirstOrDefault(s => s.Path == "appsettings.json")
            ?? throw new InvalidOperationException("appsettings.json is not among the configuration sources.");
        sources.Insert(sources.IndexOf(appsettings) + 1, new JsonConfigurationSource
        {
            Path = FileName,
            Optional = false,
            ReloadOnChange = appsettings.ReloadOnChange,
            FileProvider = builder.Environment.ContentRootFileProvider,
        });
    }
}
