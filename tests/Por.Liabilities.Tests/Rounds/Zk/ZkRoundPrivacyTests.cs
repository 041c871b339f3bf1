// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json.Nodes;
using Por.Liabilities.Rounds;
using Por.Liabilities.Zk;

namespace Por.Liabilities.Tests.Rounds.Zk;

public sealed class ZkRoundPrivacyTests(ZkRoundPrivacyFixture fixture) : IClassFixture<ZkRoundPrivacyFixture>
{
    private const string Binding = "root does not commit to the file's round fields";
    private const string PathFailure = "the path does not lead to the tree root";

    [Fact]
    public void Build_SameCapacityDifferentCounts_PublicFilesHaveTheSameSizes()
    {
        var few = ZkRoundManifestJson.Read(Path.Combine(fixture.Few, BundleLayout.Manifest));
        var many = ZkRoundManifestJson.Read(Path.Combine(fixture.Many, BundleLayout.Manifest));
        Assert.Equal(few.Files.Select(f => f.Path), many.Files.Select(f => f.Path));

        // Statements have one size (fixed by A and the parameter set). A proof's size varies by a few hundred bytes
        // with how many of its Fiat–Shamir query positions coincide or share Merkle siblings (docs/stark.md §6): the
        // positions are hashes of salted commitments, so the size follows one distribution whatever the count.
        foreach (var (f, m) in few.Files.Zip(many.Files))
        {
            Assert.Equal(new FileInfo(Path.Combine(fixture.Few, f.Path)).Length, f.Bytes);
            Assert.Equal(new FileInfo(Path.Combine(fixture.Many, m.Path)).Length, m.Bytes);
            if (f.Path.EndsWith(".statement", StringComparison.Ordinal))
            {
                Assert.Equal(f.Bytes, m.Bytes);
            }
            else
            {
                // The spread is that of the random sharing, not of the count: a CI run saw 2,224 bytes (5.6 %) between two
                // of these small test-set proofs, so the bound is 10 %; the sizes are a few KiB apart at most either way.
                Assert.InRange(Math.Abs(f.Bytes - m.Bytes), 0, f.Bytes / 10);
            }
        }

        // The manifests differ in nothing but digests and the proofs' byte counts.
        static long ManifestSize(string bundle, ZkRoundManifest manifest) =>
            new FileInfo(Path.Combine(bundle, BundleLayout.Manifest)).Length - manifest.Files.Sum(f => f.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        Assert.Equal(ManifestSize(fixture.Few, few), ManifestSize(fixture.Many, many));

        // Only public files are listed: nothing about the private openings (their size gives the count).
        Assert.Equal(ZkBundleLayout.PublicFiles(2), few.Files.Select(f => f.Path));
        Assert.DoesNotContain("private", File.ReadAllText(Path.Combine(fixture.Few, BundleLayout.Manifest)), StringComparison.Ordinal);

        // The customer's file: same fields and path lengths; its size differs only by the digits of its (uniform) indices.
        static long Size(ZkInclusionFile f) => ZkInclusionFileJson.Serialize(f).Length - f.Proof.LeafIndex.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        Assert.Equal(Size(fixture.FewFile), Size(fixture.ManyFile));
        Assert.Equal(fixture.FewFile.Proof.BatchPath.Length + fixture.FewFile.Proof.TopPath.Length, fixture.ManyFile.Proof.BatchPath.Length + fixture.ManyFile.Proof.TopPath.Length);
    }

    [Fact]
    public void Verify_BothBundles_Valid()
    {
        Assert.True(ZkRoundBundleVerifier.Verify(fixture.Few, allowTestParameters: true).IsValid);
        Assert.True(ZkRoundBundleVerifier.Verify(fixture.Many, allowTestParameters: true).IsValid);
    }

    public static TheoryData<string, string> FileMutations => new()
    {
        { "round_id", Binding },
        { "snapshot_time", Binding },
        { "assets[0].symbol", Binding },
        { "assets[1].symbol", Binding },
        { "assets[0].decimals", Binding },
        { "assets[1].decimals", Binding },
        { "assets[0].total", Binding },
        { "assets[1].total", Binding },
        { "parameter_set", Binding },
        { "batch_count", Binding },
        { "tree_root", Binding },
        { "root", Binding },
        { "batch_path[0]", PathFailure },
        { "batch_path[1]", PathFailure },
        { "batch_path[2]", PathFailure },
        { "batch_path[3]", PathFailure },
        { "top_path[0]", PathFailure },
        { "account.leaf_index", PathFailure },
        { "account.batch_index", PathFailure },
        { "account.id", PathFailure },
        { "account.salt", PathFailure },
        { "account.balances.BTC", PathFailure },
    };

    [Theory]
    [MemberData(nameof(FileMutations))]
    public void InclusionVerify_MutatedFieldWithoutManifest_RejectedWithSpecificFailure(string field, string failure)
    {
        var file = fixture.FewFile;
        Assert.True(ZkInclusionFileVerifier.Verify(file, null, allowTestParameters: true).IsValid);
        var mutated = Mutate(file, field);
        var result = ZkInclusionFileVerifier.Verify(mutated, null, allowTestParameters: true);
        Assert.Equal(string.Equals(failure, Binding, StringComparison.Ordinal) ? InclusionFailure.RootNotBound : InclusionFailure.RootMismatch, result.Failure);
        Assert.StartsWith(failure, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("round_id")]
    [InlineData("snapshot_time")]
    [InlineData("assets[0].total")]
    [InlineData("batch_count")]
    public void InclusionVerify_FieldEditedAndRootRecomputed_SelfConsistentButRejectedByTheManifest(string field)
    {
        var file = fixture.FewFile;
        var edited = Mutate(file, field);
        edited = edited with { Header = edited.Header with { Root = edited.Header.ComputeRoot() } };
        if (!string.Equals(field, "batch_count", StringComparison.Ordinal))
        {
            Assert.True(ZkInclusionFileVerifier.Verify(edited, null, allowTestParameters: true).IsValid);
        }

        var manifest = ZkRoundManifestJson.Read(Path.Combine(fixture.Few, BundleLayout.Manifest));
        var result = ZkInclusionFileVerifier.Verify(edited, manifest.Header, allowTestParameters: true);
        Assert.False(result.IsValid);
        {
            var failed = result;
            Assert.Equal(InclusionFailure.RoundMismatch, failed.Failure);
            Assert.Contains("differs from the published manifest", failed.Message, StringComparison.Ordinal);
        }
        Assert.Contains("root", result.Message, StringComparison.Ordinal);
        Assert.True(ZkInclusionFileVerifier.Verify(file, manifest.Header, allowTestParameters: true).IsValid);
    }

    [Theory]
    [InlineData("tree_root", "root does not commit to the manifest's round fields")]
    [InlineData("root", "root does not commit to the manifest's round fields")]
    [InlineData("assets[0].total", "root does not commit to the manifest's round fields")]
    [InlineData("files+private", "no private file")]
    public void BundleVerify_MutatedManifest_Rejected(string field, string failure)
    {
        var bundle = fixture.Copy(fixture.Few, $"bundle-{Guid.NewGuid():N}");
        var path = Path.Combine(bundle, BundleLayout.Manifest);
        var json = JsonNode.Parse(File.ReadAllBytes(path))!.AsObject();
        if (field == "files+private")
        {
            json["files"]!.AsArray().Add(new JsonObject { ["path"] = ZkBundleLayout.Openings, ["sha256"] = new string('0', 64), ["bytes"] = 1 });
        }
        else
        {
            MutateNode(json, field);
        }

        File.WriteAllText(path, json.ToJsonString());
        var result = ZkRoundBundleVerifier.Verify(bundle, allowTestParameters: true);
        Assert.Equal(failure.StartsWith("root", StringComparison.Ordinal) ? BundleFailure.RootNotBound : BundleFailure.FileListInvalid, result.Failure);
        Assert.Contains(failure, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BundleVerify_TreeRootEditedAndRootRecomputed_RejectedByTheTopTree()
    {
        var bundle = fixture.Copy(fixture.Few, $"bundle-{Guid.NewGuid():N}");
        var path = Path.Combine(bundle, BundleLayout.Manifest);
        var manifest = ZkRoundManifestJson.Read(path);
        var header = manifest.Header with { TreeRoot = [.. manifest.Header.TreeRoot.Reverse()] };
        header = header with { Root = header.ComputeRoot() };
        File.WriteAllBytes(path, ZkRoundManifestJson.Serialize(manifest with { Header = header }));
        var result = ZkRoundBundleVerifier.Verify(bundle, allowTestParameters: true);
        Assert.False(result.IsValid);
        {
            var failed = result;
            Assert.Equal(BundleFailure.RootMismatch, failed.Failure);
            Assert.Contains("tree root differs from the top tree", failed.Message, StringComparison.Ordinal);
        }
    }

    private static ZkInclusionFile Mutate(ZkInclusionFile file, string field)
    {
        var json = JsonNode.Parse(ZkInclusionFileJson.Serialize(file))!.AsObject();
        MutateNode(json, field);
        return ZkInclusionFileJson.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "mutated.json");
    }

    private static void MutateNode(JsonObject json, string field)
    {
        switch (field)
        {
            case "round_id":
                json["round_id"] = "2026-12";
                break;
            case "snapshot_time":
                json["snapshot_time"] = "2026-11-01T00:00:01Z";
                break;
            case "parameter_set":
                json["parameter_set"] = ZkParameterSet.Small.Id;
                break;
            case "batch_count":
                json["batch_count"] = json["batch_count"]!.GetValue<int>() + 1;
                break;
            case "tree_root" or "root":
                json[field] = Flip(json[field]!.GetValue<string>());
                break;
            case "assets[0].symbol" or "assets[1].symbol":
                {
                    var asset = json["assets"]![field[7] - '0']!.AsObject();
                    var symbol = asset["symbol"]!.GetValue<string>();
                    asset["symbol"] = symbol + "X";
                    if (json["account"]?["balances"] is JsonObject balances && balances[symbol] is { } amount)
                    {
                        balances.Remove(symbol);
                        balances[symbol + "X"] = amount.GetValue<string>();
                    }

                    break;
                }

            case "assets[0].decimals" or "assets[1].decimals":
                {
                    var asset = json["assets"]![field[7] - '0']!.AsObject();
                    asset["decimals"] = asset["decimals"]!.GetValue<int>() + 1;
                    break;
                }

            case "assets[0].total" or "assets[1].total":
                {
                    var asset = json["assets"]![field[7] - '0']!.AsObject();
                    asset["total"] = asset["total"]!.GetValue<string>() + "1";
                    break;
                }

            case "account.leaf_index" or "account.batch_index":
                {
                    var name = field["account.".Length..];
                    json["account"]![name] = json["account"]![name]!.GetValue<long>() ^ 1;
                    break;
                }

            case "account.id":
                json["account"]!["id"] = "u99";
                break;
            case "account.salt":
                json["account"]!["salt"] = Flip(json["account"]!["salt"]!.GetValue<string>());
                break;
            case "account.balances.BTC":
                json["account"]!["balances"]!["BTC"] = "2";
                break;
            default:
                {
                    // batch_path[k] / top_path[k]
                    var open = field.IndexOf('[', StringComparison.Ordinal);
                    var array = json[field[..open]]!.AsArray();
                    var k = int.Parse(field[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
                    array[k] = Flip(array[k]!.GetValue<string>());
                    break;
                }
        }
    }

    private static string Flip(string hex) => hex[..^1] + (hex[^1] == '0' ? '1' : '0');
}
