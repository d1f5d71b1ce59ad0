namespace CityServices.PersonalData;

/// <summary>One person's unwrapped data key, held only for the request that needs it.</summary>
public sealed class DataKey(byte[] key)
{
    public string Seal(ReadOnlySpan<byte> plaintext, string associatedData) => AesGcmEnvelope.Seal(key, plaintext, associatedData);

    public byte[] Open(string sealedBase64, string associatedData) => AesGcmEnvelope.Open(key, sealedBase64, associatedData);
}
