using CityServices.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace CityServices.EventPipeline.Commands.Idempotency;

/// <summary>The storage, purge and OpenAPI parameter of <c>Idempotency-Key</c>; <c>AddEventPipeline</c> calls it.</summary>
internal static class IdempotencyRegistration
{
    public static void AddIdempotentCommands(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<IdempotencyOptions>(IdempotencyOptions.Section);
        builder.Services.ConfigureMarten(store =>
            store.Schema.For<IdempotentAnswer>().Identity(answer => answer.Id).Index(answer => answer.ExpiresAt));
        builder.Services.AddSingleton<IdempotencyPurge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyPurge>());
        builder.Services.ConfigureAll<OpenApiOptions>(openApi => openApi.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentCommandMetadata>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyKey.HeaderName,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Makes the request safe to retry: the same key with the same request gets the first answer again "
                        + "(Idempotent-Replayed: true) and changes nothing; with another request, 422. Kept per client for the "
                        + "service's Idempotency:Retention (24 h by default). See docs/api-conventions.md.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKey.LongestKey },
                });
            }

            return Task.CompletedTask;
        }));
    }
}

/// <summary>Marks a command route that takes <c>Idempotency-Key</c> (every 201 route).</summary>
public sealed class IdempotentCommandMetadata
{
    private IdempotentCommandMetadata()
    {
    }

    public static IdempotentCommandMetadata Instance { get; } = new();
}
