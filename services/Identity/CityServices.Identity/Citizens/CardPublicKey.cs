using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CityServices.Identity.Citizens;

/// <summary>
/// A card's ECDSA P-256 public key as a JWK (RFC 7517): <c>kty</c> EC, <c>crv</c> P-256, and the
/// point's coordinates <c>x</c>, <c>y</c> (32 bytes each, base64url). Stored in events in this form.
/// </summary>
public sealed record CardPublicKey(string Kty, string Crv, string X, string Y)
{
    /// <summary>
    /// Reads a key sent as a JWK object or a PEM SubjectPublicKeyInfo string; anything else (another
    /// curve, an RSA key, a private key, a point off the curve) is refused.
    /// </summary>
    /// <returns>The key, or null with the reason in <paramref name="error"/>.</returns>
    public static CardPublicKey? TryParse(JsonElement value, out string error)
    {
        try
        {
            var parameters = value.ValueKind switch
            {
                JsonValueKind.Object => FromJwk(value),
                JsonValueKind.String => FromPem(value.GetString()!),
                _ => throw new FormatException("Send the public key as a JWK object {kty, crv, x, y} or a PEM string."),
            };
            // Importing validates that the point lies on the curve.
            using var key = ECDsa.Create(parameters);
            var exported = key.ExportParameters(includePrivateParameters: false);
            error = "";
            return new CardPublicKey("EC", "P-256", Base64Url.EncodeToString(exported.Q.X), Base64Url.EncodeToString(exported.Q.Y));
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException or InvalidOperationException)
        {
            error = e is FormatException ? e.Message : "The key is not a valid ECDSA P-256 public key.";
            return null;
        }
    }

    public static CardPublicKey Of(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return new CardPublicKey("EC", "P-256", Base64Url.EncodeToString(point.X), Base64Url.EncodeToString(point.Y));
    }

    /// <summary>RFC 7638 JWK thumbprint: SHA-256 over the required members in lexicographic order, base64url.</summary>
    public string Thumbprint() =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"{{\"crv\":\"{Crv}\",\"kty\":\"{Kty}\",\"x\":\"{X}\",\"y\":\"{Y}\"}}")));

    /// <summary>Verifies an ECDSA P-256 / SHA-256 signature, given as IEEE P1363 (r‖s, 64 bytes) or DER.</summary>
    public bool Verifies(byte[] message, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(X), Y = Base64Url.DecodeFromChars(Y) },
        });
        var format = signature.Length == 64 ? DSASignatureFormat.IeeeP1363FixedFieldConcatenation : DSASignatureFormat.Rfc3279DerSequence;
        return key.VerifyData(message, signature, HashAlgorithmName.SHA256, format);
    }

    private static ECParameters FromJwk(JsonElement jwk)
    {
        string Member(string name) =>
            jwk.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String
                ? member.GetString()!
                : throw new FormatException($"The JWK has no string member \"{name}\".");

        if (Member("kty") != "EC" || Member("crv") != "P-256")
        {
            throw new FormatException("Only EC keys on the P-256 curve are accepted (kty \"EC\", crv \"P-256\").");
        }

        if (jwk.TryGetProperty("d", out _))
        {
            throw new FormatException("That is a private key: send only the public part (no \"d\").");
        }

        var (x, y) = (Coordinate(Member("x")), Coordinate(Member("y")));
        return new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } };
    }

    private static byte[] Coordinate(string base64Url)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(base64Url);
        }
        catch (FormatException)
        {
            throw new FormatException("The JWK's x and y must be base64url.");
        }

        return bytes.Length == 32 ? bytes : throw new FormatException("The JWK's x and y must be 32 bytes each (P-256).");
    }

    private static bool IsP256(ECCurve curve) =>
        curve.IsNamed && (curve.Oid.Value == "1.2.840.10045.3.1.7" || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "secp256r1");

    private static ECParameters FromPem(string pem)
    {
        if (!pem.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal))
        {
            throw new FormatException("A PEM public key must be a SubjectPublicKeyInfo (-----BEGIN PUBLIC KEY-----).");
        }

        using var key = ECDsa.Create();
        key.ImportFromPem(pem);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        return IsP256(parameters.Curve)
            ? parameters
            : throw new FormatException("Only EC keys on the P-256 curve are accepted.");
    }
}
