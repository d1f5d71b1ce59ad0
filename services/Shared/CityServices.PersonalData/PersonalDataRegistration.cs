using CityServices.ServiceDefaults;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityServices.PersonalData;

public static class PersonalDataRegistration
{
    /// <summary>
    /// Gives a service per-person data keys: the master key from <paramref name="section"/> (validated
    /// at start), the <see cref="DataKeyStore"/>, and the keys' table in the service's own schema.
    /// </summary>
    /// <param name="builder">The service's host builder.</param>
    /// <param name="service">The service alias; wrapped keys are bound to it.</param>
    /// <param name="section">The configuration section holding <c>MasterKey</c>, e.g. <c>HealthRecords:Encryption</c>.</param>
    /// <param name="keyTable">The document alias of the keys' table (<c>mt_doc_{keyTable}</c>), e.g. <c>patientdatakey</c>.</param>
    public static IHostApplicationBuilder AddPersonalData(this IHostApplicationBuilder builder, string service, string section, string keyTable)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<PersonalDataOptions>(section);
        builder.Services.AddSingleton<IValidateOptions<PersonalDataOptions>>(
            services => new NoDevelopmentKeyOutsideDevelopment(services.GetRequiredService<IHostEnvironment>(), section));
        builder.Services.AddSingleton(services => new MasterKey(services.GetRequiredService<IOptions<PersonalDataOptions>>(), service));
        builder.Services.AddSingleton<DataKeyStore>();
        // Keys live beside the events in the service's own database, never in a stream.
        builder.Services.ConfigureMarten(options => options.Schema.For<SubjectDataKey>().DocumentAlias(keyTable));
        return builder;
    }
}
