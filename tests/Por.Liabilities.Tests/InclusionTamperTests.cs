// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json.Nodes;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Testing;

namespace Por.Liabilities.Tests;

public sealed class InclusionTamperTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _bundle;
    private readonly RoundHeader _published;
    private readonly byte[] _proof;

    public InclusionTamperTests()
    {
        _bundle = TestRounds.Build(_dir, TestRounds.Accounts(100));
        _published = RoundManifestJson.Read(Path.Combine(_bundle, BundleLayout.Manifest)).Header;
        _proof = InclusionProofJson.Serialize(InclusionExporter.Export(_bundle, "acct-7")!);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Honest_Verifies()
    {
        var result = InclusionVerifier.Verify(InclusionProofJson.Parse(_proof, "p"), _published);
        Assert.True(result.IsValid, result.Message);
        Assert.True(result.CheckedAgainstManifest);
    }

    [Fact]
    public void EveryFieldMutated_Rejected()
    {
        var mutations = 0;
        foreach (var mutated in Mutations(JsonNode.Parse(_proof)!))
        {
            mutations++;
            var bytes = Encoding.UTF8.GetBytes(mutated.ToJsonString());
            Assert.False(Accepts(bytes, null), $"accepted without manifest: {mutated.ToJsonString()}");
        }

        Assert.True(mutations > 100, $"only {mutations} mutations");
    }

    [Fact]
    public void SiblingSumNegative_Rejected()
    {
        var e = Assert.Throws<InputException>(() => InclusionProofJson.Parse(Edit(n => n["path"]![0]!["sums"]!["BTC"] = "-1"), "p"));
        Assert.Contains("negative", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SiblingSumOverflowing_Rejected()
    {
        var proof = InclusionProofJson.Parse(Edit(n => n["path"]![2]!["sums"]!["BTC"] = "184467440737.09551615"), "p");
        var result = InclusionVerifier.Verify(proof, null);
        Assert.False(result.IsValid);
        {
            var failed = result;
            Assert.Equal(InclusionFailure.SumOverflow, failed.Failure);
            Assert.Contains("overflows", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StatedTotalChanged_Rejected()
    {
        var proof = InclusionProofJson.Parse(Edit(n => n["assets"]![1]!["total"] = "1"), "p");
        {
            var failed = InclusionVerifier.Verify(proof, null);
            Assert.Equal(InclusionFailure.TotalMismatch, failed.Failure);
            Assert.Contains("differs from the stated total", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SiblingSumLowered_RootNoLongerMatches()
    {
        // The Maxwell attack: show this customer a smaller sibling sum and a total lowered to match.
        // The sibling is the first one on the path with a positive sum: leaves sit at random positions (random salts),
        // so a fixed level can hold only empty siblings.
        var original = InclusionProofJson.Parse(_proof, "p");
        var level = Enumerable.Range(0, original.Path.Count).First(l => original.Path[l].Sums.Any(v => v > 0));
        var step = original.Path[level];
        var lowered = step.Sums.ToArray();
        var asset = Array.FindIndex(lowered, v => v > 0);
        lowered[asset] -= 1;
        var path = original.Path.ToArray();
        path[level] = step with { Sums = lowered };
        var totals = original.Header.Totals.ToArray();
        totals[asset] -= 1;
        var cheat = original with { Path = path, Header = original.Header with { Totals = totals } };
        {
            var failed = InclusionVerifier.Verify(cheat, null);
            Assert.Equal(InclusionFailure.RootMismatch, failed.Failure);
            Assert.Contains("recomputed root differs", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PathStepRemoved_Rejected()
    {
        var proof = InclusionProofJson.Parse(Edit(n => n["path"]!.AsArray().RemoveAt(6)), "p");
        var failed = InclusionVerifier.Verify(proof, null);
        Assert.Equal(InclusionFailure.ProofMalformed, failed.Failure);
        Assert.Contains("path has 6 steps", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LeafIndexOutOfRange_Rejected()
    {
        var e = Assert.Throws<InputException>(() => InclusionProofJson.Parse(Edit(n => n["account"]!["leaf_index"] = 100), "p"));
        Assert.Equal("account.leaf_index", e.Field);
        var original = InclusionProofJson.Parse(_proof, "p");
        {
            var failed = InclusionVerifier.Verify(original with { LeafIndex = 100 }, null);
            Assert.Equal(InclusionFailure.ProofMalformed, failed.Failure);
            Assert.Contains("leaf index outside", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ProofFromAnotherRoundOfSameAccounts_FailsAgainstManifest()
    {
        var other = TestRounds.Build(_dir, TestRounds.Accounts(100), bundle: "other");
        var otherProof = InclusionExporter.Export(other, "acct-7")!;
        Assert.True(InclusionVerifier.Verify(otherProof, null).IsValid);
        {
            var failed = InclusionVerifier.Verify(otherProof, _published);
            Assert.Equal(InclusionFailure.RoundMismatch, failed.Failure);
            Assert.Contains("differs from the published manifest", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PublishedManifestTotalDiffers_Rejected()
    {
        var totals = _published.Totals.ToArray();
        totals[2] += 1;
        var result = InclusionVerifier.Verify(InclusionProofJson.Parse(_proof, "p"), _published with { Totals = totals });
        Assert.Equal(InclusionFailure.RoundMismatch, result.Failure);
        Assert.Contains("totals", result.Message, StringComparison.Ordinal);
    }

    private byte[] Edit(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(_proof)!;
        edit(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static bool Accepts(byte[] bytes, RoundHeader? published)
    {
        try
        {
            return InclusionVerifier.Verify(InclusionProofJson.Parse(bytes, "p"), published).IsValid;
        }
        catch (InputException)
        {
            return false;
        }
    }

    /// <summary>Every way of changing one value: each string, number, object entry (changed, removed, added).</summary>
    private static IEnumerable<JsonNode> Mutations(JsonNode root)
    {
        var paths = new List<List<object>>();
        Collect(root, [], paths);
        foreach (var path in paths)
        {
            var copy = root.DeepClone();
            var parent = Navigate(copy, path.Take(path.Count - 1));
            var key = path[^1];
            var value = key is string s ? parent[s]! : parent[(int)key]!;
            if (value is JsonValue v)
            {
                foreach (var changed in Change(v))
                {
                    var c = root.DeepClone();
                    var p = Navigate(c, path.Take(path.Count - 1));
                    if (key is string k)
                    {
                        p[k] = changed;
                    }
                    else
                    {
                        p[(int)key] = changed;
                    }

                    yield return c;
                }
            }

            if (key is string name && parent is JsonObject)
            {
                var removed = root.DeepClone();
                Navigate(removed, path.Take(path.Count - 1)).AsObject().Remove(name);
                yield return removed;
            }
        }

        foreach (var path in new[] { new List<object> { "account", "balances" }, new List<object> { "path", 0, "sums" }, new List<object>() })
        {
            var added = root.DeepClone();
            var target = Navigate(added, path).AsObject();
            var name = target.ContainsKey("ETH") ? "USDT" : "ETH";
            target[target.ContainsKey(name) ? "extra" : name] = "1";
            yield return added;
        }
    }

    private static IEnumerable<JsonNode?> Change(JsonValue v)
    {
        if (v.TryGetValue<string>(out var s))
        {
            yield return s.Length > 0 ? s[..^1] + (s[^1] == '1' ? '2' : '1') : "1";
            yield return s + "0";
            yield return 5;
        }
        else if (v.TryGetValue<long>(out var n))
        {
            yield return n + 1;
            yield return n - 1;
            yield return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static void Collect(JsonNode node, List<object> prefix, List<List<object>> paths)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, child) in o)
                {
                    var p = new List<object>(prefix) { k };
                    paths.Add(p);
                    Collect(child!, p, paths);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var p = new List<object>(prefix) { i };
                    paths.Add(p);
                    Collect(a[i]!, p, paths);
                }

                break;
        }
    }

    private static JsonNode Navigate(JsonNode node, IEnumerable<object> path)
    {
        foreach (var key in path)
        {
            node = key is string s ? node[s]! : node[(int)key]!;
        }

        return node;
    }
}
