using CityServices.CityTemplate.Tickets.Closing;
using CityServices.CityTemplate.Tickets.Noting;
using CityServices.CityTemplate.Tickets.Opening;
using CityServices.CityTemplate.Tickets.Reading;
using CityServices.ServiceDefaults;

namespace CityServices.CityTemplate;

/// <summary>The routes under <c>/api/city-template</c>, with the scope each needs.</summary>
public static class CityTemplateApi
{
    public static IEndpointRouteBuilder MapCityTemplateApi(this IEndpointRouteBuilder app)
    {
        var service = CityTemplateRegistration.Service;
        var tickets = app.MapGroup(service.PathTo("tickets")).WithTags("Tickets").RequireScope(service.Scope);
        tickets.MapOpenTicket();
        tickets.MapGetTicket();
        tickets.MapAddTicketNote();
        tickets.MapCloseTicket();
        return app;
    }
}
