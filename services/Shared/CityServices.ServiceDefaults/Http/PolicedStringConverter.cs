using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityServices.ServiceDefaults;

/// <summary>Every string read from a request body passes <see cref="TextPolicy"/>.</summary>
internal sealed class PolicedStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && TextPolicy.Refusal(text) is { } refusal ? throw new RefusedTextException(refusal) : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }
}

/// <summary>A JSON string refused by <see cref="TextPolicy"/>; the serializer adds the field's path.</summary>
internal sealed class RefusedTextException(string refusal) : JsonException(refusal)
{
    public string Refusal { get; } = refusal;
}
