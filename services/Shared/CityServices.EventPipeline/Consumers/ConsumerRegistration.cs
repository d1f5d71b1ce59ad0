using MassTransit;

namespace CityServices.EventPipeline.Consumers;

public static class ConsumerRegistration
{
    /// <summary>Registers a consumer under the shared broker policy, <see cref="CityConsumerDefinition{TConsumer}"/>.</summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddCityConsumer<TConsumer>(this IBusRegistrationConfigurator consumers)
        where TConsumer : class, IConsumer
    {
        ArgumentNullException.ThrowIfNull(consumers);
        return consumers.AddConsumer<TConsumer>(typeof(CityConsumerDefinition<TConsumer>));
    }
}
