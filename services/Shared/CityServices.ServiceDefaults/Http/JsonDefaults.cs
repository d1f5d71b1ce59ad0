using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>
/// Enums travel one way on every service's HTTP wire: camelCase names (<c>"active"</c>), never
/// numbers. A member's own <c>[JsonStringEnumMemberName]</c> wins (<c>"lab-result"</c>). Stored
/// events are a separate, hashed format set by the event pipeline and never change with this.
/// </summary>
internal static class JsonDefaults
{
    public static void AddJsonDefaults(this IHostApplicationBuilder builder) =>
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
}
