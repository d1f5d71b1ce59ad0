using System.Text.RegularExpressions;
using CityServices.ServiceDefaults;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Yarp.ReverseProxy.Configuration;

namespace CityServices.Gateway.Docs;

/// <summary>
/// One browsable reference for the whole platform. Each service's <c>/openapi/v1.json</c> is
/// proxied as <c>/openapi/&lt;service&gt;.json</c> by an ordinary anonymous route, and the API
/// reference that ServiceDefaults maps at <c>/scalar</c> lists exactly those routes, so adding a
/// service's document is adding its route. <c>/docs</c> leads there.
/// </summary>
internal static partial class ApiReference
{
    public const string DocsPath = "/docs";

    public static void AddApiReference(this IHostApplicationBuilder builder) =>
        builder.Services.AddOptions<ScalarOptions>().Configure<IProxyConfigProvider>((scalar, proxy) =>
        {
            var documents = proxy.GetConfig().Routes
                .Select(route => route.Match.Path is { } path ? ServiceDocumentPath().Match(path) : Match.Empty)
                .Where(match => match.Success)
                .Select(match => match.Groups["service"].Value)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            foreach (var service in documents)
            {
                scalar.AddDocument(service, title: service);
            }

            // The services' documents name their own addresses; every call goes through the gateway.
            scalar.AddServer("/").WithDynamicBaseServerUrl();
        });

    public static void MapApiReferenceRedirect(this WebApplication app) =>
        app.MapGet(DocsPath, () => Results.Redirect($"{DefaultEndpoints.ApiReferencePath}/"))
            .AllowAnonymous()
            .ExcludeFromDescription();

    [GeneratedRegex(@"^/openapi/(?<service>[a-z0-9][a-z0-9-]*)\.json$")]
    private static partial Regex ServiceDocumentPath();
}
