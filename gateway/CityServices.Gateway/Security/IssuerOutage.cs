using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace CityServices.Gateway.Security;

/// <summary>
/// A token the gateway cannot check because the issuer's discovery document or signing keys cannot be
/// fetched is not the caller's fault: a 401 would send a client with a good token to sign in again,
/// into the same outage. Such a request to a protected route is a 503 problem instead; public routes
/// are untouched, as they never challenge.
/// </summary>
internal static class IssuerOutage
{
    private static readonly object TokenCheckUnavailable = new();

    public static void AddIssuerOutageAnswer(this IHostApplicationBuilder builder) =>
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            var authenticationFailed = jwt.Events.OnAuthenticationFailed;
            var challenge = jwt.Events.OnChallenge;
            jwt.Events.OnAuthenticationFailed = async context =>
            {
                // Without the issuer's metadata every token fails (as "invalid issuer"); only then is it ours.
                if (await SigningKeysUnavailableAsync(context.Options, context.HttpContext.RequestAborted))
                {
                    context.HttpContext.Items[TokenCheckUnavailable] = true;
                }

                await authenticationFailed(context);
            };
            jwt.Events.OnChallenge = async context =>
            {
                if (!context.HttpContext.Items.ContainsKey(TokenCheckUnavailable))
                {
                    await challenge(context);
                    return;
                }

                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status503ServiceUnavailable,
                        Title = "Service unavailable",
                        Detail = "The access token cannot be checked right now: the identity service's signing keys are unavailable. Retry later.",
                    },
                });
            };
        });

    /// <summary>Whether the issuer's discovery document and keys are neither cached nor fetchable now
    /// (a failed fetch is retried no more often than the configuration manager allows).</summary>
    private static async Task<bool> SigningKeysUnavailableAsync(JwtBearerOptions jwt, CancellationToken cancellationToken)
    {
        if (jwt.ConfigurationManager is not { } metadata)
        {
            return false;
        }

        try
        {
            await metadata.GetConfigurationAsync(cancellationToken);
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
