using CityServices.Revocation;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace CityServices.Identity.Tokens;

/// <summary>
/// Identity's own API refuses a revoked card's or a withdrawn role's token as every other service
/// does: the same view of identity's events (the event pipeline keeps it), consulted once
/// OpenIddict has validated the token, instead of JWT bearer's hook the other services use.
/// </summary>
internal sealed class RevokedTokenCheck(RevokedCredentials revoked) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<RevokedTokenCheck>()
            .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1_000)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.AccessTokenPrincipal is { } user && revoked.Refusal(user) is { } reason)
        {
            context.Reject(Errors.InvalidToken, reason);
        }

        return ValueTask.CompletedTask;
    }
}
