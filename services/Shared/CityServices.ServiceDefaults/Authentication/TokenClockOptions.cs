using System.ComponentModel.DataAnnotations;

namespace CityServices.ServiceDefaults;

/// <summary>
/// How far a token's times may be off the validating clock (section <c>Authentication</c>, key
/// <c>ClockSkew</c>). One setting for every validator: the services' and the gateway's JWT bearer,
/// and identity's OpenIddict validation of its own tokens. It is bound apart from
/// <see cref="ServiceAuthenticationOptions"/> because identity validates without an authority.
/// </summary>
public sealed class TokenClockOptions
{
    /// <summary>The most a deployment may allow: the libraries' five-minute default kept expired tokens alive.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a person's token may live (identity's <c>CitizenAccessTokenLifetime</c> is capped at it):
    /// a revocation need not be remembered longer than this plus <see cref="MaxClockSkew"/>.
    /// </summary>
    public static readonly TimeSpan LongestPersonTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Tolerance for the issuer's and this process's clocks drifting apart, at most 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30", ErrorMessage = "Authentication:ClockSkew must be between 0 and 30 seconds.")]
    public TimeSpan ClockSkew { get; set; } = MaxClockSkew;
}
