using System.Security.Claims;
using CityServices.ServiceDefaults;

namespace CityServices.Identity.Http;

public static class Actor
{
    /// <summary>Who is making a change, as its event records it: the token's subject (a client id, or a citizen id).</summary>
    public static string Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(CityClaims.Subject)?.Value
            ?? throw new InvalidOperationException("An authorised request carries a token with a subject.");
    }
}
