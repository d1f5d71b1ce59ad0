using CityServices.EventPipeline;
using CityServices.Identity.Citizens;
using CityServices.Identity.DevSeed;
using CityServices.Identity.Tokens;
using CityServices.PersonalData;
using CityServices.ServiceDefaults;
using Marten;
using Microsoft.Extensions.Options;

namespace CityServices.Identity;

/// <summary>Everything the identity service registers, in the order it depends on it.</summary>
public static class IdentityRegistration
{
    /// <summary>The service alias: leaf records' <c>service</c>, the API prefix <c>/api/identity</c>.</summary>
    public static readonly CityService Service = new("identity", CityScopes.Identity, "Identity");

    /// <summary>The master key of citizens' data keys and the national-id index key.</summary>
    public const string PersonalDataSection = "Identity:PersonalData";

    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidation();

        builder.AddPersonalData(Service.Alias, PersonalDataSection, keyTable: "citizendatakey");
        builder.AddValidatedOptions<NationalIdIndexOptions>(PersonalDataSection);
        builder.Services.AddSingleton<IValidateOptions<NationalIdIndexOptions>, NoDevelopmentIndexKeyOutsideDevelopment>();
        builder.Services.AddSingleton<NationalIdIndex>();
        builder.Services.AddSingleton<CitizenAnnouncements>();

        builder.AddEventPipeline(Service, catalog => catalog.RecordCitizenEvents());
        builder.Services.ConfigureMarten(store =>
        {
            // Both live in the same transaction as the events they index: a second registration of
            // a national id fails on the claim's primary key, whoever commits first wins.
            store.Schema.For<NationalIdClaim>().Identity(claim => claim.Id);
            store.Schema.For<CardHolder>().Identity(holder => holder.Id);
        });

        builder.AddTokenServer();
        builder.AddDevSeed();
        return builder;
    }
}
