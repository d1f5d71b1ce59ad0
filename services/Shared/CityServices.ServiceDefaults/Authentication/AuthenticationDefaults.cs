using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CityServices.ServiceDefaults;

/// <summary>JWT bearer authentication against the identity service, configured from <see cref="ServiceAuthenticationOptions"/>.</summary>
internal static class AuthenticationDefaults
{
    public static void AddAuthenticationDefaults(this IHostApplicationBuilder builder, ServiceDefaultsOptions defaults)
    {
        builder.Services.AddAuthorization();
        builder.AddValidatedOptions<TokenClockOptions>(ServiceAuthenticationOptions.SectionName);
        if (!defaults.UseJwtBearerAuthentication)
        {
            // The pipeline still calls UseAuthentication; the service brings its own scheme.
            builder.Services.AddAuthentication();
            return;
        }

        builder.AddValidatedOptions<ServiceAuthenticationOptions>(ServiceAuthenticationOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<ServiceAuthenticationOptions>, ServiceAuthenticationOptionsValidator>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<ServiceAuthenticationOptions>, IOptions<TokenClockOptions>>((jwt, settings, clock) =>
            {
                var auth = settings.Value;
                jwt.Authority = auth.Authority?.AbsoluteUri;
                jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                jwt.Audience = auth.Audience;
                jwt.TokenValidationParameters.ValidateAudience = !string.IsNullOrEmpty(auth.Audience);
                // Keep claim names as issued ("scope", "sub"), not remapped to WS-Federation URIs.
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.NameClaimType = "sub";
                jwt.TokenValidationParameters.RoleClaimType = "role";
                jwt.TokenValidationParameters.ClockSkew = clock.Value.ClockSkew;
            });
    }
}
