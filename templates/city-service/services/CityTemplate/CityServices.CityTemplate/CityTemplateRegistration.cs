using CityServices.CityTemplate.Tickets;
using CityServices.EventPipeline;
using CityServices.ServiceDefaults;

namespace CityServices.CityTemplate;

/// <summary>Everything the service registers.</summary>
public static class CityTemplateRegistration
{
    /// <summary>The service's alias (leaf records, route prefix <c>/api/city-template</c>), the scope its routes need, its title.</summary>
    public static readonly CityService Service = new("city-template", "city-template", "City template");

    public static IHostApplicationBuilder AddCityTemplate(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();
        builder.AddEventPipeline(Service, catalog => catalog.RecordTicketEvents());
        return builder;
    }
}
