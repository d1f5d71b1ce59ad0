using System.ComponentModel.DataAnnotations;

namespace CityServices.Identity.Tokens.CardSignIn;

/// <summary>The citizen-card sign-in (section <c>Identity:CardSignIn</c>).</summary>
public sealed class CardSignInOptions
{
    public const string Section = "Identity:CardSignIn";

    /// <summary>How long a challenge's nonce can be signed and redeemed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "Identity:CardSignIn:NonceLifetime must be between 1 second and 30 minutes.")]
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(2);
}
