using CityServices.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace CityServices.Identity.DevSeed;

public static class DevSeedRegistration
{
    /// <summary>Registered after the token server, so its clients exist before the file names them.</summary>
    public static void AddDevSeed(this IHostApplicationBuilder builder) =>
        builder.AddValidatedOptions<DevSeedOptions>(DevSeedOptions.Section).Services
            .AddSingleton<IValidateOptions<DevSeedOptions>, DevSeedOptionsValidator>()
            .AddHostedService<DevSeeder>();
}
