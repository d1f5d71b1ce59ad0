using Microsoft.Extensions.Options;

namespace CityServices.HealthRecords.Encryption;

/// <summary>
/// The key from configuration that wraps (AES-GCM) every patient's data key. It never encrypts
/// medical content itself, so rotating it means re-wrapping one small row per patient.
/// </summary>
public sealed class MasterKey(IOptions<EncryptionOptions> options)
{
    public const int Length = AesGcmEnvelope.KeyLength;

    private readonly byte[] _key = Convert.FromBase64String(options.Value.MasterKey!.Trim());

    public string Wrap(Guid patientId, ReadOnlySpan<byte> dataKey) =>
        AesGcmEnvelope.Seal(_key, dataKey, SealedData.DataKey(patientId));

    public byte[] Unwrap(Guid patientId, string wrapped) =>
        AesGcmEnvelope.Open(_key, wrapped, SealedData.DataKey(patientId));
}
