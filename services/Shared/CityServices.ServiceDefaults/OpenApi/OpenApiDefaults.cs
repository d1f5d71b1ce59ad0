using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>One OpenAPI document per service, <c>v1</c>, which the gateway aggregates.</summary>
internal static class OpenApiDefaults
{
    public const string DocumentName = "v1";

    public static void AddOpenApiDefaults(this IHostApplicationBuilder builder, string title, ServiceDefaultsOptions defaults)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = title;
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(StringSchemaTransformer.TransformAsync);
            if (defaults.UseJwtBearerAuthentication)
            {
                options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
                options.AddOperationTransformer<BearerSecuritySchemeTransformer>();
            }
        });
    }
}
