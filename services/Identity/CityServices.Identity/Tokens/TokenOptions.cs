using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CityServices.ServiceDefaults;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CityServices.Identity.Tokens;

/// <summary>How the token server signs and names its tokens (section <c>Identity:Tokens</c>).</summary>
public sealed class TokenOptions
{
    public const string Section = "Identity:Tokens";

    /// <summary>
    /// The issuer (<c>iss</c>), e.g. <c>http://127.0.0.1:5101/</c>: fixed in configuration so it stays
    /// the same whether a request came through the gateway or straight to the service.
    /// </summary>
    [Required]
    [AbsoluteUri]
    public Uri? Issuer { get; set; }

    /// <summary>
    /// The private key that signs access tokens: PEM (EC P-256 or RSA of 2048 bits or more,
    /// PKCS#8 or the algorithm's own format) or base64 PKCS#8 DER. From a secret outside Development.
    /// </summary>
    [Required(ErrorMessage = "Identity:Tokens:SigningKey is required: a PEM or base64 PKCS#8 EC P-256 or RSA private key (a secret outside Development).")]
    public string? SigningKey { get; set; }

    /// <summary>Lifetime of a department system's access token.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00", ErrorMessage = "Identity:Tokens:ClientAccessTokenLifetime must be between 30 seconds and 1 day.")]
    public TimeSpan ClientAccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Lifetime of a person's access token. Short, because services validate tokens offline: a
    /// revoked card stops signing in at once, and services refuse its tokens from identity's events.
    /// At most <see cref="TokenClockOptions.LongestPersonTokenLifetime"/>, which bounds how long they remember a revocation.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00", ErrorMessage = "Identity:Tokens:CitizenAccessTokenLifetime must be between 30 seconds and 1 hour.")]
    public TimeSpan CitizenAccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The signing credentials from <see cref="SigningKey"/>; the key id is its RFC 7638 thumbprint.</summary>
    public SigningCredentials SigningCredentials()
    {
        var key = ReadSigningKey(SigningKey ?? throw new InvalidOperationException("Identity:Tokens:SigningKey is not set."));
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key is ECDsaSecurityKey
            ? new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256)
            : new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    internal static AsymmetricSecurityKey ReadSigningKey(string text)
    {
        if (text.Contains("-----BEGIN", StringComparison.Ordinal) && !text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            throw new CryptographicException("the PEM holds no private key");
        }

        return (AsymmetricSecurityKey?)TryEcKey(text) ?? TryRsaKey(text)
            ?? throw new CryptographicException("neither an EC nor an RSA private key in PEM or base64 PKCS#8");
    }

    private static ECDsaSecurityKey? TryEcKey(string text)
    {
        if (TryImport(ECDsa.Create(), text) is not { } ec)
        {
            return null;
        }

        var curve = ec.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.Oid.Value != "1.2.840.10045.3.1.7" && curve.Oid.FriendlyName is not ("nistP256" or "ECDSA_P256"))
        {
            ec.Dispose();
            throw new CryptographicException("EC signing keys must be on the P-256 curve");
        }

        return new ECDsaSecurityKey(ec);
    }

    private static RsaSecurityKey? TryRsaKey(string text)
    {
        if (TryImport(RSA.Create(), text) is not { } rsa)
        {
            return null;
        }

        if (rsa.KeySize < 2048)
        {
            rsa.Dispose();
            throw new CryptographicException("RSA signing keys must have 2048 bits or more");
        }

        return new RsaSecurityKey(rsa);
    }

    /// <summary>The key with <paramref name="text"/> imported, or null (and the key disposed) when it is not of this algorithm.</summary>
    private static TKey? TryImport<TKey>(TKey key, string text)
        where TKey : AsymmetricAlgorithm
    {
        try
        {
            Import(key, text);
            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    private static void Import(AsymmetricAlgorithm key, string text)
    {
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            key.ImportFromPem(text);
        }
        else
        {
            key.ImportPkcs8PrivateKey(Convert.FromBase64String(text.Trim()), out _);
        }
    }
}

/// <summary>Checks what annotations cannot: the key parses, and an http issuer only in Development.</summary>
internal sealed class TokenOptionsValidator(IHostEnvironment environment) : IValidateOptions<TokenOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            try
            {
                _ = options.SigningCredentials();
            }
            catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
            {
                failures.Add($"{TokenOptions.Section}:SigningKey: not a usable private key ({e.Message}). Use an EC P-256 or RSA (2048+) private key in PEM or base64 PKCS#8.");
            }
        }

        if (options.Issuer is { IsAbsoluteUri: true, Scheme: "http" } && !environment.IsDevelopment())
        {
            failures.Add($"{TokenOptions.Section}:Issuer: an http issuer is allowed only in Development, not in {environment.EnvironmentName}.");
        }

        if (options.Issuer is { IsAbsoluteUri: true } issuer && (!string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment)))
        {
            failures.Add($"{TokenOptions.Section}:Issuer: must not have a query or fragment.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
