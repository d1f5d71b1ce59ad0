namespace CityServices.Hashing.Tests;

/// <summary>The published RFC 8785 vectors and the RFC authors' test data (Vectors/README.md).</summary>
public class CanonicalJsonRfc8785Tests
{
    public static TheoryData<string, string, string> AppendixBNumbers() => NumberRows("Rfc8785/appendix-b-numbers.csv");

    public static TheoryData<string, string, string> Es6NumberSamples() => NumberRows("Cyberphone/es6-number-samples.csv");

    public static TheoryData<string> ReferenceFiles() =>
        new(System.IO.Directory.GetFiles(VectorFiles.Directory("Cyberphone/input")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(AppendixBNumbers))]
    [MemberData(nameof(Es6NumberSamples))]
    public void Numbers_are_written_as_the_RFC_tables_say(string ieee754, string expected, string comment)
    {
        // Given the exact double, spelled differently from the expected form
        var json = VectorFiles.JsonNumberFromIeee754(ieee754);

        if (expected == "(error)")
        {
            // Then a value JSON cannot carry (NaN, Infinity) is refused
            Assert.Throws<CanonicalJsonException>(() => CanonicalJson.Canonicalize(json));
            return;
        }

        // When
        var canonical = CanonicalJson.Canonicalize(json);

        // Then
        Assert.True(expected == Encoding.UTF8.GetString(canonical), $"{ieee754} ({comment}): expected {expected}, got {Encoding.UTF8.GetString(canonical)}");
    }

    [Fact]
    public void The_section_3_2_2_sample_becomes_the_bytes_printed_in_sections_3_2_3_and_3_2_4()
    {
        // Given
        var input = VectorFiles.Bytes("Rfc8785/section-3.2.2-input.json");
        var printed = VectorFiles.Bytes("Rfc8785/section-3.2.3-output.json");
        var printedHex = string.Concat(VectorFiles.Text("Rfc8785/section-3.2.4-output.hex").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        // When
        var canonical = CanonicalJson.Canonicalize(input);

        // Then
        Assert.Equal(printed, canonical);
        Assert.Equal(printedHex, Hex.Encode(canonical));
    }

    [Fact]
    public void Properties_are_sorted_by_UTF16_code_units_as_in_section_3_2_3()
    {
        // Given
        var input = VectorFiles.Bytes("Rfc8785/section-3.2.3-sorting-input.json");
        var expectedValues = VectorFiles.Text("Rfc8785/section-3.2.3-sorting-expected-values.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // When
        var canonical = CanonicalJson.Canonicalize(input);

        // Then
        using var output = JsonDocument.Parse(canonical);
        Assert.Equal(expectedValues, output.RootElement.EnumerateObject().Select(member => member.Value.GetString()));
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void The_reference_test_data_canonicalizes_byte_for_byte(string file)
    {
        // Given
        var input = VectorFiles.Bytes($"Cyberphone/input/{file}");

        // When
        var canonical = CanonicalJson.Canonicalize(input);

        // Then
        Assert.Equal(VectorFiles.Bytes($"Cyberphone/output/{file}"), canonical);
    }

    [Theory]
    [MemberData(nameof(ReferenceFiles))]
    public void Canonicalizing_canonical_output_changes_nothing(string file)
    {
        // Given
        var canonical = VectorFiles.Bytes($"Cyberphone/output/{file}");

        // When
        var again = CanonicalJson.Canonicalize(canonical);

        // Then
        Assert.Equal(canonical, again);
    }

    private static TheoryData<string, string, string> NumberRows(string file)
    {
        var rows = new TheoryData<string, string, string>();
        foreach (var columns in VectorFiles.CsvRows(file))
        {
            rows.Add(columns[0], columns[1], columns.Length > 2 ? columns[2] : string.Empty);
        }

        return rows;
    }
}
