namespace CityServices.Hashing.Tests;

/// <summary>What cannot be canonicalized without changing or guessing its meaning is refused, saying what and where.</summary>
public class CanonicalJsonRejectionTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1 2]")]
    [InlineData("1 2")]
    [InlineData("01")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("'text'")]
    [InlineData("{a:1}")]
    [InlineData("// comment\n1")]
    [InlineData("\uFEFF{}")]
    [InlineData("\"raw\tcontrol\"")]
    public void Text_that_is_not_strict_JSON_is_rejected(string text)
    {
        // When
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(text)));

        // Then
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Null(error.Path);
    }

    [Fact]
    public void Nesting_deeper_than_64_levels_is_rejected()
    {
        // Given
        var json = new string('[', 65) + new string(']', 65);

        // When, then
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("{\"a\":{\"b\":1,\"b\":2}}", "$.a.b")]
    [InlineData("{\"a\":1,\"\\u0061\":1}", "$.a")]
    [InlineData("[{\"x y\":1,\"x y\":1}]", "$[0]['x y']")]
    public void Repeated_member_names_are_rejected_with_their_path(string json, string path)
    {
        // When
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

        // Then
        Assert.Equal(path, error.Path);
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"s\":[\"ok\",\"\\ud800\"]}", "$.s[1]")]
    [InlineData("{\"s\":\"\\udc00x\"}", "$.s")]
    [InlineData("{\"s\":\"\\ud83d\\u0041\"}", "$.s")]
    [InlineData("{\"\\ud800\":1}", "$")]
    public void Lone_surrogates_are_rejected_with_their_path(string json, string path)
    {
        // When
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

        // Then
        Assert.Equal(path, error.Path);
        Assert.Contains("well-formed Unicode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_in_a_string_is_rejected()
    {
        // Given a string holding the byte 0xFF, which UTF-8 never uses
        byte[] json = [(byte)'[', (byte)'"', 0xFF, (byte)'"', (byte)']'];

        // When
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(json));

        // Then
        Assert.Equal("$[0]", error.Path);
    }

    [Theory]
    [InlineData("{\"n\":1e309}", "1e309")]
    [InlineData("{\"n\":-1.5E400}", "-1.5E400")]
    public void Numbers_beyond_the_double_range_are_rejected(string json, string number)
    {
        // When
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

        // Then
        Assert.Equal("$.n", error.Path);
        Assert.Contains(number, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9007199254740993")]
    [InlineData("-9007199254740993")]
    [InlineData("10000000000000000")]
    [InlineData("123456789012345678901234567890")]
    public void Integers_beyond_2_to_the_53_are_rejected_because_canonicalization_would_change_them(string digits)
    {
        // Given an amount in minor units too large for a double to hold exactly
        var json = $"{{\"order\":{{\"totalMinorUnits\":{digits}}}}}";

        // When
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

        // Then
        Assert.Equal("$.order.totalMinorUnits", error.Path);
        Assert.Contains(digits, error.Message, StringComparison.Ordinal);
        Assert.Contains("send exact large numbers as strings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_quote_member_names_that_are_not_identifiers()
    {
        // Given
        const string json = "{\"unit price\":{\"it's\":[0,1e999]}}";

        // When
        var error = Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));

        // Then
        Assert.Equal("$['unit price']['it\\'s'][1]", error.Path);
    }

    [Fact]
    public void An_uninitialized_element_is_rejected()
    {
        // When, then
        Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(default(JsonElement)));
    }

    [Fact]
    public void The_rejection_is_a_FormatException()
    {
        // When
        var error = Record.Exception(() => CanonicalJson.Canonicalize("{"u8));

        // Then
        Assert.IsAssignableFrom<FormatException>(error);
    }
}
