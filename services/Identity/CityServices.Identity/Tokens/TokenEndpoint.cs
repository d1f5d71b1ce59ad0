using CityServices.Identity.Tokens.CardSignIn;
using CityServices.Identity.Tokens.Clients;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CityServices.Identity.Tokens;

/// <summary>
/// <c>POST /connect/token</c>, passed through by OpenIddict once it has validated the request
/// (client, secret, grant type and scope permissions): the grant decides who the token is for.
/// </summary>
public static class TokenEndpoint
{
    public static RouteHandlerBuilder MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/connect/token", async (HttpContext http, CancellationToken ct) =>
            {
                var request = http.GetOpenIddictServerRequest()
                    ?? throw new InvalidOperationException("OpenIddict passes token requests through only after parsing them.");
                if (request.IsClientCredentialsGrantType())
                {
                    return await http.RequestServices.GetRequiredService<ClientCredentialsGrant>().HandleAsync(request, ct);
                }

                if (request.GrantType == CardGrant.GrantType)
                {
                    return await http.RequestServices.GetRequiredService<CardGrant>().HandleAsync(request, ct);
                }

                return TokenResults.Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
}
