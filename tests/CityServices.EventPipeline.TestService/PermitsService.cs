using CityServices.EventPipeline.Catalog;
using CityServices.EventPipeline.TestService.Permits;
using MassTransit;

namespace CityServices.EventPipeline.TestService;

public static class PermitsService
{
    public static EventCatalog AddPermits(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddValidation();
        return builder.AddEventPipeline(PermitsApi.Service, events =>
        {
            events.Record<PermitApplied>("permits.permit_applied")
                .PublishAs(e => new PermitApplicationReceived(e.PermitId, e.Kind));
            events.Record<PermitNoteAdded>("permits.note_added");
        }, addConsumers);
    }
}
