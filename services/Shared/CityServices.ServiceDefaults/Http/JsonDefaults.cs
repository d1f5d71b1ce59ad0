using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityServices.ServiceDefaults;

/// <summary>
/// The HTTP wire's JSON, the same in every service. Enums travel as camelCase names
/// (<c>"active"</c>), never numbers, so an undefined value cannot be smuggled in as an integer; a
/// member's own <c>[JsonStringEnumMemberName]</c> wins (<c>"lab-result"</c>). A key given twice is
/// refused rather than letting the last one win unseen. Strings pass <see cref="TextPolicy"/>.
/// Stored events are a separate, hashed format set by the event pipeline and never change with this.
/// </summary>
internal static class JsonDefaults
{
    public static void AddJsonDefaults(this IHostApplicationBuilder builder) =>
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            json.SerializerOptions.Converters.Add(new PolicedStringConverter());
            json.SerializerOptions.AllowDuplicateProperties = false;
        });
}
