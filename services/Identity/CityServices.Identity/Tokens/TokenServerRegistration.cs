using CityServices.Identity.Tokens.CardSignIn;
using CityServices.Identity.Tokens.Clients;
using CityServices.Identity.Tokens.Revocations;
using CityServices.Identity.Tokens.Storage;
using CityServices.ServiceDefaults;
using CityServices.ServiceDefaults.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Server;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;

namespace CityServices.Identity.Tokens;

/// <summary>
/// The token server (OpenIddict 7): <c>client_credentials</c> for department systems and auditors,
/// the citizen-card grant for people, discovery and JWKS for every service that validates its
/// tokens. Its stores live in the service's own database, schema <c>openiddict</c>.
/// </summary>
public static class TokenServerRegistration
{
    public static void AddTokenServer(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<TokenOptions>(TokenOptions.Section).Services
            .AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();
        builder.AddValidatedOptions<CardSignInOptions>(CardSignInOptions.Section);
        builder.AddValidatedOptions<ClientOptions>(ClientOptions.Section).Services
            .AddSingleton<IValidateOptions<ClientOptions>, ClientOptionsValidator>();

        // The data source AddEventPipeline registered: one connection pool for Marten, EF and the challenges.
        builder.Services.AddDbContext<TokenDbContext>((services, db) => db
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
            .UseOpenIddict());

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<TokenDbContext>())
            .AddServer(server =>
            {
                server.SetTokenEndpointUris("connect/token")
                    .SetConfigurationEndpointUris(".well-known/openid-configuration")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks");
                server.AllowClientCredentialsFlow().AllowCustomFlow(CardGrant.GrantType);
                server.RegisterScopes([.. ScopeTable.All]);
                // ScopeTable, applied by the grants, decides which client may ask for which scope, and
                // refuses with invalid_scope (OpenIddict's own permission check answers invalid_request).
                server.IgnoreScopePermissions();
                server.AddEventHandler(TokenRequestFormReader.Descriptor).AddEventHandler(TokenRequestTextPolicy.Descriptor);
                // Resource servers validate signed JWTs with the JWKS alone; nothing is encrypted to them.
                server.DisableAccessTokenEncryption();
                // OpenIddict insists on an encryption key, for tokens this server never issues
                // (authorization codes, refresh tokens): a per-process key is therefore enough.
                server.AddEphemeralEncryptionKey();
                // TLS ends at the gateway or ingress; the issuer in configuration is the public https URL.
                server.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            })
            // The service's own API accepts its tokens through the server's keys, without HTTP to itself.
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                // Tokens travel in the Authorization header only, as every other service takes them (RFC 6750
                // discourages the others): a token in a URL is logged, and reading every form body to look
                // for one would parse (and fail on) forms meant for the endpoints.
                validation.UseAspNetCore().DisableAccessTokenExtractionFromBodyForm().DisableAccessTokenExtractionFromQueryString();
                validation.AddEventHandler(RevokedTokenCheck.Descriptor);
            });

        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<TokenOptions>>((server, tokens) =>
        {
            server.Issuer = tokens.Value.Issuer;
            server.SigningCredentials.Add(tokens.Value.SigningCredentials());
        });
        // The same bound as every other validator (ServiceDefaults' Authentication:ClockSkew), not OpenIddict's five minutes.
        builder.Services.AddOptions<OpenIddictValidationOptions>().Configure<IOptions<TokenClockOptions>>((validation, clock) =>
            validation.TokenValidationParameters.ClockSkew = clock.Value.ClockSkew);
        builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);

        builder.Services.AddScoped<ClientRegistry>();
        builder.Services.AddScoped<ClientCredentialsGrant>();
        builder.Services.AddScoped<CardGrant>();
        builder.Services.AddSingleton<SignInChallenges>();
        builder.Services.AddSchemaMigration<TokenStoreMigration>();
        builder.Services.AddHostedService<TokenStoreInitializer>();
        builder.AddRevocationList();
    }

    public static IEndpointRouteBuilder MapTokenServer(this IEndpointRouteBuilder app)
    {
        app.MapChallenge();
        app.MapTokenEndpoint();
        app.MapRevocationList();
        return app;
    }
}
