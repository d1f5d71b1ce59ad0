using System.ComponentModel.DataAnnotations;

namespace CityServices.PersonalData;

/// <summary>The master key that wraps every person's data key (section named by the service, e.g. <c>HealthRecords:Encryption</c>).</summary>
public sealed class PersonalDataOptions
{
    /// <summary>Base64 of 32 random bytes. From a secret store in production; never in the event store.</summary>
    [Required(ErrorMessage = "the master key is required: base64 of 32 random bytes (e.g. `openssl rand -base64 32`).")]
    [Base64Key(PersonalData.MasterKey.Length)]
    public string? MasterKey { get; set; }
}

/// <summary>The value is base64 of exactly the given number of bytes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class Base64KeyAttribute(int length)
    : ValidationAttribute($"the key must be base64 of exactly {length} bytes.")
{
    public override bool IsValid(object? value)
    {
        if (value is not string text)
        {
            return value is null;
        }

        var bytes = new byte[length + 3];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written == length;
    }
}
