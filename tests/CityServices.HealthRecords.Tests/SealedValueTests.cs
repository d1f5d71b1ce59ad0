using System.Security.Cryptography;
using System.Text;
using CityServices.HealthRecords.Encryption;
using CityServices.PersonalData;
using Microsoft.Extensions.Options;

namespace CityServices.HealthRecords.Tests;

/// <summary>
/// Misuse of the encryption: a sealed value opens only under its own key and its own associated
/// data (patient, item and purpose), and any change to the envelope is detected, never decrypted
/// into something else.
/// </summary>
public sealed class SealedValueTests
{
    private static readonly Guid Patient = Guid.NewGuid();
    private static readonly Guid Entry = Guid.NewGuid();
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("""{"code":"J45.901","content":"asthma, acute exacerbation"}""");

    private readonly DataKey _key = new(RandomNumberGenerator.GetBytes(32));

    public static TheoryData<string, string> OtherPlaces => new()
    {
        { "another entry of the patient", SealedData.EntryContent(Patient, Guid.NewGuid()) },
        { "the same entry id of another patient", SealedData.EntryContent(Guid.NewGuid(), Entry) },
        { "the entry's emergency reason", SealedData.EntryEmergencyReason(Patient, Entry) },
        { "an access reason with the entry's id", SealedData.AccessReason(Patient, Entry) },
        // The wrapping data of the patient's data key (MasterKey's stored format).
        { "the patient's data key", $"health-records/data-key/v1/{Patient:D}" },
    };

    [Fact]
    public void A_sealed_value_opens_in_its_own_place()
    {
        var sealedValue = _key.Seal(Plaintext, SealedData.EntryContent(Patient, Entry));

        Assert.Equal(Plaintext, _key.Open(sealedValue, SealedData.EntryContent(Patient, Entry)));
    }

    [Theory]
    [MemberData(nameof(OtherPlaces))]
    public void A_sealed_value_moved_elsewhere_does_not_open(string place, string associatedData)
    {
        var sealedValue = _key.Seal(Plaintext, SealedData.EntryContent(Patient, Entry));

        var failure = Assert.ThrowsAny<CryptographicException>(() => _key.Open(sealedValue, associatedData));

        Assert.True(failure is AuthenticationTagMismatchException, $"{place}: {failure.GetType().Name}");
    }

    [Fact]
    public void An_entry_moved_to_another_entry_of_the_record_does_not_open()
    {
        var content = new EntryContent("J45.901", "asthma");
        var stored = new StoredEntry(Entry, EntryKind.Diagnosis, content.Seal(_key, Patient, Entry), Guid.NewGuid(), "doctor", AccessPurpose.Consent, null, DateTimeOffset.UtcNow);

        Assert.Equal(content, EntryContent.Open(_key, Patient, stored));
        Assert.ThrowsAny<CryptographicException>(() => EntryContent.Open(_key, Patient, stored with { Id = Guid.NewGuid() }));
        Assert.ThrowsAny<CryptographicException>(() => EntryContent.Open(_key, Guid.NewGuid(), stored));
    }

    [Theory]
    [InlineData("the nonce", 0)]
    [InlineData("the ciphertext", 12)]
    [InlineData("the ciphertext's last byte", -17)]
    [InlineData("the tag", -1)]
    public void A_tampered_envelope_does_not_open(string part, int offset)
    {
        var envelope = Convert.FromBase64String(_key.Seal(Plaintext, SealedData.EntryContent(Patient, Entry)));
        envelope[offset < 0 ? envelope.Length + offset : offset] ^= 0x01;

        var failure = Assert.ThrowsAny<CryptographicException>(() => _key.Open(Convert.ToBase64String(envelope), SealedData.EntryContent(Patient, Entry)));

        Assert.True(failure is AuthenticationTagMismatchException, $"{part}: {failure.GetType().Name}");
    }

    [Fact]
    public void A_truncated_envelope_does_not_open()
    {
        var envelope = Convert.FromBase64String(_key.Seal(Plaintext, SealedData.EntryContent(Patient, Entry)));

        var lastByteCut = Convert.ToBase64String(envelope[..^1]);
        var shorterThanNonceAndTag = Convert.ToBase64String(envelope[..27]);

        Assert.IsType<AuthenticationTagMismatchException>(
            Assert.ThrowsAny<CryptographicException>(() => _key.Open(lastByteCut, SealedData.EntryContent(Patient, Entry))), exactMatch: false);
        Assert.Equal(
            "A sealed value is shorter than its nonce and tag.",
            Assert.ThrowsAny<CryptographicException>(() => _key.Open(shorterThanNonceAndTag, SealedData.EntryContent(Patient, Entry))).Message);
        Assert.ThrowsAny<CryptographicException>(() => _key.Open("", SealedData.EntryContent(Patient, Entry)));
    }

    [Fact]
    public void A_data_key_wrapped_by_one_master_key_does_not_unwrap_with_another_nor_for_another_patient()
    {
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var master = Master(RandomNumberGenerator.GetBytes(32));
        var wrapped = master.Wrap(Patient, dataKey);

        Assert.Equal(dataKey, master.Unwrap(Patient, wrapped));
        Assert.ThrowsAny<CryptographicException>(() => Master(RandomNumberGenerator.GetBytes(32)).Unwrap(Patient, wrapped));
        Assert.ThrowsAny<CryptographicException>(() => master.Unwrap(Guid.NewGuid(), wrapped));
    }

    [Fact]
    public void A_value_sealed_under_one_patients_key_does_not_open_under_another()
    {
        var sealedValue = _key.Seal(Plaintext, SealedData.EntryContent(Patient, Entry));

        Assert.ThrowsAny<CryptographicException>(() => new DataKey(RandomNumberGenerator.GetBytes(32)).Open(sealedValue, SealedData.EntryContent(Patient, Entry)));
    }

    private static MasterKey Master(byte[] key) => new(Options.Create(new PersonalDataOptions { MasterKey = Convert.ToBase64String(key) }), "health-records");
}
