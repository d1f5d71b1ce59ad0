using System.Security.Cryptography;

namespace CityServices.Architecture.Tests;

/// <summary>
/// Every golden vector file is pinned by its own SHA-256. A vector regenerated in the same change
/// as the code it checks would let both move together unseen; with the file's hash written here,
/// moving a byte of a public format takes a deliberate second edit that a reviewer sees.
/// </summary>
public sealed class VectorPinTests
{
    private static readonly string[] VectorFolders = ["contracts/vectors", "tests/CityServices.Hashing.Tests/Vectors"];

    // Generated with: sha256sum $(git ls-files contracts/vectors tests/CityServices.Hashing.Tests/Vectors | grep -v README)
    private static readonly Dictionary<string, string> Pinned = new()
    {
        ["contracts/vectors/leaf-record-v1.json"] = "1effeccd4d9068f0dbfa3f73c7726d7d49393fd0a37d3df825a2480ce7e99a5c",
        ["contracts/vectors/ledger-api/anchors.json"] = "1d43e31aa215b30562068cf2cc9892a64414c54247b6f93eaa02baea96f71338",
        ["contracts/vectors/ledger-api/batch-proof.json"] = "890608278a826a2adc4723147f5fa1384fdc8e0fe35d1a67519e38956cc01cb4",
        ["contracts/vectors/ledger-api/checkpoint-anchored.json"] = "1b6e3c9a8761ea54a52cd1fd02f5cf51dac71ee8c2d82f24f680e3c9ff8a66ba",
        ["contracts/vectors/ledger-api/checkpoint-pending.json"] = "859fdbb90a9cde4302ad8cb8af7d66af9faaa6d40ba6a8db953c63204f7ea41b",
        ["contracts/vectors/ledger-api/consistency-proof.json"] = "ad7d3bc44163c7526cef69b87b8fd9b8040ca15f894ed82940f313038ec1d26f",
        ["contracts/vectors/ledger-api/inclusion-proof.json"] = "fcdbd0107af625eec2cc7edcf3fe68cf1aa28c73fdaa8507ab8b27b9649c48e9",
        ["contracts/vectors/ledger-api/leaves.json"] = "d52f583cb79b6508fd94047675e2493bef0e230c721cd4ccd2fa4553ae049fe7",
        ["contracts/vectors/ledger-api/service-leaves.json"] = "a9ac7cb0cd6e8efbbc24cfdf49785614a4c538fbc94fc335c1d9e1677f1ed0f3",
        ["contracts/vectors/receipt-v1.json"] = "e00a9968ca0ec070760d360fb7de05061b3bb858a7769a01b1c59faaec75d7c6",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/es6-number-samples.csv"] = "3a5834cf655163927f04d3a07460e11cf7e1d88d57d069eca56f17ce8d01263d",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/input/arrays.json"] = "c1db51d5c43bb6f3dea0f30aa1289fe0eae614fed210d454125ba6bd3dc87686",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/input/french.json"] = "6c8de03fbe3ea955ca5d7fd2a29a500b4129ebd981fbc8e2bfbc2b9f724b6f96",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/input/simpleString.json"] = "68188bbc1b1b629c8bc394c5a0965439dba7752d5be439f03398f74ab160814b",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/input/structures.json"] = "58e684ca725ea324b4a26eca73899fe87a9ddab18214ef47e3588227642414f8",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/input/unicode.json"] = "c5f195da6f5ddc42f323b1b5426f6d4b70ba01bd711ce892d8fffe08f4aeed3a",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/input/values.json"] = "c8ce7087f449e4e6a6806e560c9afc1a37328d71f665c8921664d63ef68bbb6a",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/input/weird.json"] = "2493c503b7af3fd5a31ace68fcfbaadf38c7c5db444d11aa7e8f15cbd258440d",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/output/arrays.json"] = "099601b171cafed97c333f8878d68e7f8c8f795412adb34b2fdcf0e7c7beac42",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/output/french.json"] = "7b46dab8b872302e65108eb2881bfa8964fe32221d5b509bd7c9e323775ba4f9",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/output/simpleString.json"] = "a64a9d392b30235e5a384d1aa7faf3bba8d55342246309355f38b79781845029",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/output/structures.json"] = "513d0c0f2524a8b295a9bbd982a37b7a000f1c5f915bf2d6d8cfdf75347bacad",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/output/unicode.json"] = "bd0218d3ca16a6bc3ec9802582742855a025566a0e2f76c93fc0ffb2541ecb19",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/output/values.json"] = "0af3685dce30daa753153aadb1956b0f3133642fbe5d4a5e3a4267f94814ba87",
        ["tests/CityServices.Hashing.Tests/Vectors/Cyberphone/output/weird.json"] = "92591c387de83f90a4f5a7b853081c9482ee5bf076e8e309366de6f215cfcbfb",
        ["tests/CityServices.Hashing.Tests/Vectors/Rfc8785/appendix-b-numbers.csv"] = "806c73950193e10dc91b23e155042f4846e85270a1e40ba4910002157d779879",
        ["tests/CityServices.Hashing.Tests/Vectors/Rfc8785/section-3.2.2-input.json"] = "0e8b4f7e00b5b54be26d258337579c2c9017959e264e64a8ffd6a600d8fda3da",
        ["tests/CityServices.Hashing.Tests/Vectors/Rfc8785/section-3.2.3-output.json"] = "2d5e01a318d0f0879ab568c4be289c8b1f64ef8921a53c6277d5e069978baacb",
        ["tests/CityServices.Hashing.Tests/Vectors/Rfc8785/section-3.2.3-sorting-expected-values.txt"] = "38377ea55572fccf62ec09067709225ce3749fa9fd8378035528792dfd92c91d",
        ["tests/CityServices.Hashing.Tests/Vectors/Rfc8785/section-3.2.3-sorting-input.json"] = "0f7291c1b0a21d3c7b1c8571743571b190d6aa5ca532f8d945c562c517a051aa",
        ["tests/CityServices.Hashing.Tests/Vectors/Rfc8785/section-3.2.4-output.hex"] = "c92de8551e784bcbb0f068e461a6c907fead872533f8859455616d1253cd1c05",
    };

    [Fact]
    public void Every_vector_file_is_pinned_and_none_is_missing()
    {
        Assert.Equal(Pinned.Keys.Order(StringComparer.Ordinal), VectorFiles().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_vector_file_has_its_pinned_hash()
    {
        var moved = VectorFiles()
            .Where(file => Pinned.TryGetValue(file, out var hash) && hash != Sha256Of(file))
            .ToList();

        Assert.Empty(moved);
    }

    private static IEnumerable<string> VectorFiles() =>
        VectorFolders
            .SelectMany(folder => Directory.EnumerateFiles(Repository.PathOf(folder), "*", SearchOption.AllDirectories))
            .Where(path => Path.GetFileName(path) != "README.md")
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'));

    private static string Sha256Of(string relativePath) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Repository.PathOf(relativePath))));
}
