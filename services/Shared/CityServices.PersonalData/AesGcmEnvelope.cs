using System.Security.Cryptography;
using System.Text;

namespace CityServices.PersonalData;

/// <summary>
/// AES-256-GCM with a random 96-bit nonce per message, as one base64 string:
/// <c>nonce (12) ‖ ciphertext ‖ tag (16)</c>. The associated data is authenticated, not stored:
/// a sealed value moved to another person or item no longer opens.
/// </summary>
internal static class AesGcmEnvelope
{
    public const int KeyLength = 32;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    public static string Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var envelope = new byte[NonceLength + plaintext.Length + TagLength];
        var nonce = envelope.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(NonceLength, plaintext.Length), envelope.AsSpan(NonceLength + plaintext.Length), Encoding.UTF8.GetBytes(associatedData));
        return Convert.ToBase64String(envelope);
    }

    /// <exception cref="CryptographicException">The envelope was altered, or belongs to other associated data or another key.</exception>
    public static byte[] Open(ReadOnlySpan<byte> key, string sealedBase64, string associatedData)
    {
        var envelope = Convert.FromBase64String(sealedBase64);
        if (envelope.Length < NonceLength + TagLength)
        {
            throw new CryptographicException("A sealed value is shorter than its nonce and tag.");
        }

        var plaintext = new byte[envelope.Length - NonceLength - TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(envelope.AsSpan(0, NonceLength), envelope.AsSpan(NonceLength, plaintext.Length), envelope.AsSpan(NonceLength + plaintext.Length), plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }
}
