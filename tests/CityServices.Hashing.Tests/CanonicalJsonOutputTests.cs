namespace CityServices.Hashing.Tests;

/// <summary>RFC 8785 output rules beyond the published samples: escaping, number layout, our integer rule's bounds.</summary>
public class CanonicalJsonOutputTests
{
    public static TheoryData<int, string> ControlCharacters()
    {
        var rows = new TheoryData<int, string>();
        for (var c = 0; c < 0x20; c++)
        {
            var expected = c switch
            {
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\f' => "\\f",
                '\r' => "\\r",
                _ => $"\\u{c:x4}",
            };
            rows.Add(c, expected);
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public void Control_characters_use_the_short_escape_or_lowercase_u00xx(int character, string expected)
    {
        // Given the character written with an uppercase \u escape
        var json = $"\"\\u{character:X4}\"";

        // When
        var canonical = Canonical(json);

        // Then
        Assert.Equal($"\"{expected}\"", canonical);
    }

    [Theory]
    [InlineData(@"""\""""", @"""\""""")]
    [InlineData(@"""\\""", @"""\\""")]
    [InlineData(@"""\/""", @"""/""")]
    [InlineData(@"""\u007F""", "\"\u007f\"")]
    [InlineData(@"""\u00e9\u20AC""", "\"é€\"")]
    [InlineData(@"""\u2028\u2029""", "\"\u2028\u2029\"")]
    [InlineData(@"""\uD83D\uDE00""", "\"😀\"")]
    [InlineData(@"""\uFFFF""", "\"\uffff\"")]
    [InlineData(@"""</script>""", @"""</script>""")]
    public void Everything_but_quote_backslash_and_controls_is_written_literally(string json, string expected)
    {
        // When
        var canonical = Canonical(json);

        // Then
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("0e10", "0")]
    [InlineData("4.50", "4.5")]
    [InlineData("1E3", "1000")]
    [InlineData("123e-2", "1.23")]
    [InlineData("-1.5e-9", "-1.5e-9")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("0.00000123", "0.00000123")]
    [InlineData("1.23e-7", "1.23e-7")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("1e21", "1e+21")]
    [InlineData("1.5e21", "1.5e+21")]
    [InlineData("1.2345678901234568e20", "123456789012345680000")]
    [InlineData("1e-400", "0")]
    public void Numbers_are_laid_out_as_ECMAScript_prints_them(string json, string expected)
    {
        // When
        var canonical = Canonical(json);

        // Then
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("9007199254740992")]
    [InlineData("-9007199254740992")]
    [InlineData("9007199254740991")]
    [InlineData("1234567890")]
    public void Integers_up_to_2_to_the_53_keep_their_digits(string json)
    {
        // When
        var canonical = Canonical(json);

        // Then
        Assert.Equal(json, canonical);
    }

    [Theory]
    [InlineData("9007199254740993.0", "9007199254740992")]
    [InlineData("1e30", "1e+30")]
    public void Large_numbers_written_with_a_fraction_or_exponent_are_doubles_as_RFC_8785_says(string json, string expected)
    {
        // When
        var canonical = Canonical(json);

        // Then
        Assert.Equal(expected, canonical);
    }

    [Fact]
    public void Whitespace_goes_and_nested_members_are_sorted_while_arrays_keep_their_order()
    {
        // Given
        const string json = " { \"z\" : [ 3 , 1 , { \"b\" : null , \"a\" : true } ] ,\n\t\"a\" : { } , \"B\" : false } ";

        // When
        var canonical = Canonical(json);

        // Then
        Assert.Equal("{\"B\":false,\"a\":{},\"z\":[3,1,{\"a\":true,\"b\":null}]}", canonical);
    }

    [Fact]
    public void A_parsed_element_canonicalizes_like_its_text()
    {
        // Given a member of a larger document, as in an audit export line
        const string data = "{ \"b\": 1.0, \"a\": \"x\" }";
        using var line = JsonDocument.Parse($"{{ \"record\": {{}}, \"data\": {data} }}");

        // When
        var fromElement = CanonicalJson.Canonicalize(line.RootElement.GetProperty("data"));

        // Then
        Assert.Equal(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(data)), fromElement);
    }

    private static string Canonical(string json) => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(Encoding.UTF8.GetBytes(json)));
}
