using CityServices.CityTemplate.Cases.Closing;
using CityServices.CityTemplate.Cases.Noting;
using CityServices.CityTemplate.Cases.Opening;
using CityServices.CityTemplate.Cases.Reading;
using CityServices.ServiceDefaults;

namespace CityServices.CityTemplate;

/// <summary>The routes under <c>/api/city-template</c>, with the scope each needs.</summary>
public static class CityTemplateApi
{
    public static IEndpointRouteBuilder MapCityTemplateApi(this IEndpointRouteBuilder app)
    {
        var service = CityTemplateRegistration.Service;
        var cases = app.MapGroup(service.PathTo("cases")).WithTags("Cases").RequireScope(service.Scope);
        cases.MapOpenCase();
        cases.MapGetCase();
        cases.MapAddCaseNote();
        cases.MapCloseCase();
        return app;
    }
}
