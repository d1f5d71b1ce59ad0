using Microsoft.Extensions.Options;

namespace CityServices.PersonalData;

/// <summary>
/// The key from configuration that wraps (AES-GCM) every person's data key. It never encrypts
/// personal data itself, so rotating it means re-wrapping one small row per person.
/// </summary>
public sealed class MasterKey(IOptions<PersonalDataOptions> options, string service)
{
    public const int Length = AesGcmEnvelope.KeyLength;

    private readonly byte[] _key = Convert.FromBase64String(options.Value.MasterKey!.Trim());

    public string Wrap(Guid subjectId, ReadOnlySpan<byte> dataKey) =>
        AesGcmEnvelope.Seal(_key, dataKey, WrappingData(subjectId));

    public byte[] Unwrap(Guid subjectId, string wrapped) =>
        AesGcmEnvelope.Open(_key, wrapped, WrappingData(subjectId));

    /// <summary>
    /// Binds a wrapped key to its service and person (part of the stored format: health-records'
    /// keys were wrapped under <c>health-records/data-key/v1/{patientId}</c>).
    /// </summary>
    private string WrappingData(Guid subjectId) => $"{service}/data-key/v1/{subjectId:D}";
}
