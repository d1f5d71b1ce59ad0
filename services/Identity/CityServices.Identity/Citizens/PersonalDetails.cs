using System.Text.Json;
using CityServices.PersonalData;

namespace CityServices.Identity.Citizens;

/// <summary>
/// Who a citizen is, as the registry knows them: the part of a registry entry that identifies a
/// person. It is stored only sealed, as one value under the citizen's data key (AES-GCM, bound to
/// the citizen), so the audit export and every leaf hash see ciphertext, and erasing the key makes
/// it unreadable for good while every proof stays valid.
/// </summary>
public sealed record PersonalDetails(string NationalId, string GivenName, string FamilyName, DateOnly BirthDate)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Seal(DataKey key, Guid citizenId)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Seal(JsonSerializer.SerializeToUtf8Bytes(this, Json), AssociatedData(citizenId));
    }

    /// <summary>The citizen's details now in force: 410 once they were erased.</summary>
    public static PersonalDetails Of(Citizen state, DataKey? key)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ErasedAt is { } erasedAt)
        {
            throw new CitizenErasedException(state.Id, erasedAt);
        }

        return Open(key ?? throw new InvalidOperationException($"The data key of citizen {state.Id} is missing although they were never erased."),
            state.Id, state.SealedDetails);
    }

    public static PersonalDetails Open(DataKey key, Guid citizenId, string sealedDetails)
    {
        ArgumentNullException.ThrowIfNull(key);
        return JsonSerializer.Deserialize<PersonalDetails>(key.Open(sealedDetails, AssociatedData(citizenId)), Json)
            ?? throw new InvalidOperationException($"The sealed details of citizen {citizenId} are empty.");
    }

    /// <summary>Part of the stored format: changing it makes every sealed value unreadable, hence versioned.</summary>
    private static string AssociatedData(Guid citizenId) => $"identity/citizen-details/v1/{citizenId:D}";
}
