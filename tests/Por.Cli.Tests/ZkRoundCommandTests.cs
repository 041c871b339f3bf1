// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Liabilities.Zk;

namespace Por.Cli.Tests;

/// <summary>End-to-end tests of the zk mode: build → verify → export → inclusion verify, mutations, tampering, resume, bad input.</summary>
public sealed class ZkRoundCommandTests(ZkBundleFixture round) : IClassFixture<ZkBundleFixture>, IDisposable
{
    private const string Test = "--allow-test-parameters";
    private readonly string _dir = Directory.CreateTempSubdirectory("por-zk-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Zk_BuildVerifyExportInclusionVerify_WholeFlow()
    {
        var built = CliRunner.Json(round.BuildJson);
        Assert.Equal("zk", built.GetProperty("mode").GetString());
        Assert.Equal(2, built.GetProperty("batch_count").GetInt32());
        Assert.Equal("220", built.GetProperty("totals").GetProperty("BTC").GetString());
        Assert.Equal("210", built.GetProperty("totals").GetProperty("USDT").GetString());
        Assert.Equal("10", built.GetProperty("totals").GetProperty("ETH").GetString());

        // The manifest reveals the round context, totals, roots, batch count and parameter set: no account count, and
        // nothing about the private files.
        var manifest = CliRunner.Json(File.ReadAllText(Path.Combine(round.Bundle, "manifest.json")));
        Assert.Equal(
            ["format", "mode", "round_id", "snapshot_time", "assets", "parameter_set", "batch_count", "tree_root", "root", "tool", "files"],
            manifest.EnumerateObject().Select(p => p.Name));
        Assert.Equal("por-round/2", manifest.GetProperty("format").GetString());
        Assert.Equal(
            ["batches/batch-00000.proof", "batches/batch-00000.statement", "batches/batch-00001.proof", "batches/batch-00001.statement"],
            manifest.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()));

        var verify = CliRunner.Run("round", "verify", "--round", round.Bundle, Test);
        Assert.Equal(0, verify.Exit);
        Assert.Contains("PASS: all 2 batch proofs verify", verify.Out, StringComparison.Ordinal);
        var verifyJson = CliRunner.Json(CliRunner.Run("round", "verify", "--round", round.Bundle, Test, "--json").Out);
        Assert.Equal("verified", verifyJson.GetProperty("status").GetString());
        Assert.Equal(2, verifyJson.GetProperty("batches_checked").GetInt32());

        // Without the explicit flag a test-parameter bundle is refused.
        var refused = CliRunner.Run("round", "verify", "--round", round.Bundle);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("for tests only", refused.Out, StringComparison.Ordinal);

        var proofBytes = CliRunner.Json(round.ExportJson).GetProperty("proof_bytes").GetInt32();
        Assert.Equal(32 * (4 + 1), proofBytes);
        var customer = CliRunner.Run("inclusion", "verify", "--inclusion", round.InclusionFile, "--manifest", Path.Combine(round.Bundle, "manifest.json"), Test);
        Assert.Equal(0, customer.Exit);
        Assert.Contains("7.5", customer.Out, StringComparison.Ordinal);
        Assert.Contains("220", customer.Out, StringComparison.Ordinal);
        Assert.Contains("PASS", customer.Out, StringComparison.Ordinal);
        var json = CliRunner.Json(CliRunner.Run("inclusion", "verify", "--inclusion", round.InclusionFile, Test, "--json").Out);
        Assert.Equal("verified", json.GetProperty("status").GetString());
        Assert.Equal("7.5", json.GetProperty("balances").GetProperty("BTC").GetString());
        Assert.Equal("7", json.GetProperty("balances").GetProperty("USDT").GetString());
        Assert.Equal("220", json.GetProperty("totals").GetProperty("BTC").GetString());
        Assert.Equal(1, CliRunner.Run("inclusion", "verify", "--inclusion", round.InclusionFile).Exit);

        var tamperedFile = Path.Combine(_dir, "tampered.json");
        File.WriteAllText(tamperedFile, File.ReadAllText(round.InclusionFile).Replace("\"BTC\": \"7.5\"", "\"BTC\": \"7.4\"", StringComparison.Ordinal));
        var tampered = CliRunner.Run("inclusion", "verify", "--inclusion", tamperedFile, Test);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains("FAIL: the path does not lead to the tree root", tampered.Out, StringComparison.Ordinal);

        Assert.Equal(2, CliRunner.Run("inclusion", "export", "--round", round.Bundle, "--account", "mallory", Test).Exit);
    }

    private const string Unbound = "root does not commit to the manifest's round fields";

    // (from, to, exit of round verify, its failure, its failure once the root is recomputed over the edit (null: not
    // possible), exit of inclusion verify --manifest)
    public static TheoryData<string, string, int, string, string?, int> ManifestMutations => new()
    {
        { "\"round_id\": \"2026-11\"", "\"round_id\": \"2026-12\"", 1, Unbound, "not for this round", 1 },
        { "\"snapshot_time\": \"2026-11-01T00:00:00Z\"", "\"snapshot_time\": \"2026-11-01T00:00:01Z\"", 1, Unbound, "not for this round", 1 },
        { "\"decimals\": 6", "\"decimals\": 7", 1, Unbound, "not for this round", 1 },
        { "\"total\": \"210\"", "\"total\": \"210.000001\"", 1, Unbound, "totals differ", 1 },
        { "\"batch_count\": 2", "\"batch_count\": 1", 1, "must list exactly the proof and statement of each of the 1 batches", null, 1 },
        { "\"batch_count\": 2", "\"batch_count\": 3", 1, "must list exactly the proof and statement of each of the 3 batches", null, 1 },
        { "\"parameter_set\": \"pol-test-n4\"", "\"parameter_set\": \"pol-v1-n8\"", 1, Unbound, "not for this round", 1 },
        { "\"parameter_set\": \"pol-test-n4\"", "\"parameter_set\": \"pol-v9\"", 2, "unknown parameter set", null, 2 },
        { "\"mode\": \"zk\"", "\"mode\": \"transparent\"", 2, "unsupported format", null, 2 },
        { "\"mode\": \"zk\"", "\"mode\": \"zk2\"", 2, "unsupported mode", null, 2 },
        { "\"format\": \"por-round/2\"", "\"format\": \"por-round/1\"", 2, "unsupported format", null, 2 },
        { "\"format\": \"por-round/2\"", "\"format\": \"por.round/1\"", 2, "unsupported format", null, 2 },
    };

    [Theory]
    [MemberData(nameof(ManifestMutations))]
    public void Verify_MutatedManifestField_Rejected(string from, string to, int roundExit, string roundMessage, string? reRootedMessage, int inclusionExit)
    {
        var bundle = round.CopyBundle(Path.Combine(_dir, "r"));
        var manifestPath = Path.Combine(bundle, "manifest.json");
        var text = File.ReadAllText(manifestPath);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(manifestPath, text.Replace(from, to, StringComparison.Ordinal));

        var verify = CliRunner.Run("round", "verify", "--round", bundle, Test, "--json");
        Assert.Equal(roundExit, verify.Exit);
        var json = CliRunner.Json(verify.Out);
        Assert.Contains(roundMessage, (json.TryGetProperty("failure", out var f) ? f : json.GetProperty("error")).GetString(), StringComparison.Ordinal);

        var customer = CliRunner.Run("inclusion", "verify", "--inclusion", round.InclusionFile, "--manifest", manifestPath, Test, "--json");
        Assert.Equal(inclusionExit, customer.Exit);
        if (inclusionExit == 1)
        {
            Assert.Contains("differs from the published manifest", CliRunner.Json(customer.Out).GetProperty("failure").GetString(), StringComparison.Ordinal);
        }

        if (reRootedMessage is not null)
        {
            // A forger who also recomputes the published root is caught by the batch proofs.
            var edited = ZkRoundManifestJson.Read(manifestPath);
            File.WriteAllBytes(manifestPath, ZkRoundManifestJson.Serialize(edited with { Header = edited.Header with { Root = edited.Header.ComputeRoot() } }));
            var reRooted = CliRunner.Run("round", "verify", "--round", bundle, Test, "--json");
            Assert.Equal(1, reRooted.Exit);
            Assert.Contains(reRootedMessage, CliRunner.Json(reRooted.Out).GetProperty("failure").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_MutatedRoot_Rejected()
    {
        var bundle = round.CopyBundle(Path.Combine(_dir, "r"));
        var manifestPath = Path.Combine(bundle, "manifest.json");
        var root = CliRunner.Json(round.BuildJson).GetProperty("root").GetString()!;
        var otherRoot = root[..^1] + (root[^1] == '0' ? '1' : '0');
        File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace(root, otherRoot, StringComparison.Ordinal));

        var verify = CliRunner.Run("round", "verify", "--round", bundle, Test);
        Assert.Equal(1, verify.Exit);
        Assert.Contains(Unbound, verify.Out, StringComparison.Ordinal);
        var customer = CliRunner.Run("inclusion", "verify", "--inclusion", round.InclusionFile, "--manifest", manifestPath, Test);
        Assert.Equal(1, customer.Exit);
        Assert.Contains("root", customer.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batches/batch-00001.proof", 3, false, "batches/batch-00001.proof: SHA-256 differs")]
    [InlineData("batches/batch-00001.proof", 3, true, "batch 1:")]
    [InlineData("batches/batch-00000.statement", 3, true, "batch 0:")] // batch 0 ends with its outgoing chain commitment K_out
    [InlineData("batches/batch-00001.statement", 16, true, "batch 1:")] // the lowest byte of the last asset's round total
    [InlineData("batches/batch-00001.statement", 3, true, "batches/batch-00001.statement: malformed statement")] // a total ≥ 2^88
    public void Verify_TamperedBatchFile_Rejected(string relative, int fromEnd, bool updateManifestHash, string message)
    {
        var bundle = round.CopyBundle(Path.Combine(_dir, "r"));
        var path = Path.Combine(bundle, relative);
        var oldHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        var bytes = File.ReadAllBytes(path);
        bytes[^fromEnd] ^= 1;
        File.WriteAllBytes(path, bytes);
        if (updateManifestHash)
        {
            var manifestPath = Path.Combine(bundle, "manifest.json");
            File.WriteAllText(manifestPath, File.ReadAllText(manifestPath).Replace(oldHash, Convert.ToHexStringLower(SHA256.HashData(bytes)), StringComparison.Ordinal));
        }

        var verify = CliRunner.Run("round", "verify", "--round", bundle, Test);
        Assert.Equal(1, verify.Exit);
        Assert.Contains(message, verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TruncatedOrTwiceListedFile_Rejected()
    {
        var bundle = round.CopyBundle(Path.Combine(_dir, "r"));
        var proof = Path.Combine(bundle, "batches", "batch-00000.proof");
        File.WriteAllBytes(proof, File.ReadAllBytes(proof)[..^1]);
        var truncated = CliRunner.Run("round", "verify", "--round", bundle, Test);
        Assert.Equal(1, truncated.Exit);
        Assert.Contains("batches/batch-00000.proof: size differs from the manifest", truncated.Out, StringComparison.Ordinal);

        var twice = round.CopyBundle(Path.Combine(_dir, "twice"));
        var manifestPath = Path.Combine(twice, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var files = manifest["files"]!.AsArray();
        files.Add(files[0]!.DeepClone());
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        var listed = CliRunner.Run("round", "verify", "--round", twice, Test);
        Assert.Equal(1, listed.Exit);
        Assert.Contains("each once", listed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MissingBatchFile_Rejected()
    {
        var bundle = round.CopyBundle(Path.Combine(_dir, "r"));
        File.Delete(Path.Combine(bundle, "batches", "batch-00000.statement"));
        var verify = CliRunner.Run("round", "verify", "--round", bundle, Test);
        Assert.Equal(1, verify.Exit);
        Assert.Contains("batches/batch-00000.statement: missing", verify.Out, StringComparison.Ordinal);

        // The private openings are optional for the auditor.
        var auditor = round.CopyBundle(Path.Combine(_dir, "auditor"));
        Directory.Delete(Path.Combine(auditor, "private"), true);
        Assert.Equal(0, CliRunner.Run("round", "verify", "--round", auditor, Test).Exit);
    }

    [Fact]
    public void Build_CrashAfterFirstBatch_RerunResumesAndVerifies()
    {
        // The state a crash after batch 0 leaves: the partial directory with the openings and batch 0 only.
        var output = Path.Combine(_dir, "resumed");
        var partial = round.CopyBundle(ZkRoundBuilder.PartialPath(output));
        File.Delete(Path.Combine(partial, "manifest.json"));
        File.Delete(Path.Combine(partial, "batches", "batch-00001.proof"));
        var firstProof = File.ReadAllBytes(Path.Combine(partial, "batches", "batch-00000.proof"));

        var rerun = CliRunner.Run(round.BuildArgs(output));
        Assert.True(rerun.Exit == 0, rerun.Out + rerun.Err);
        var json = CliRunner.Json(rerun.Out);
        Assert.Equal(1, json.GetProperty("batches_proven").GetInt32());
        Assert.Equal(1, json.GetProperty("batches_resumed").GetInt32());
        Assert.Equal(CliRunner.Json(round.BuildJson).GetProperty("root").GetString(), json.GetProperty("root").GetString());
        Assert.Equal(firstProof, File.ReadAllBytes(Path.Combine(output, "batches", "batch-00000.proof")));
        Assert.False(Directory.Exists(partial));
        Assert.Equal(0, CliRunner.Run("round", "verify", "--round", output, Test).Exit);
    }

    [Fact]
    public void Build_InterruptedBuildOfOtherInputs_Exit2AndKept()
    {
        var output = Path.Combine(_dir, "other");
        var partial = round.CopyBundle(ZkRoundBuilder.PartialPath(output));
        File.Delete(Path.Combine(partial, "manifest.json"));
        var rerun = CliRunner.Run(round.BuildArgs(output, roundId: "2026-12"));
        Assert.Equal(2, rerun.Exit);
        Assert.Contains("interrupted build of other inputs", CliRunner.Json(rerun.Out).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(Directory.Exists(partial));
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("account_id,asset,amount\nalice,BTC,1\nbob,BTC,1.000000001\n", ":3: field 'amount': more decimal places than BTC allows (8)")]
    [InlineData("account_id,asset,amount\nalice,BTC,1\nbob,BTC,1\nalice,USDT,2\n", ":4: field 'account_id': duplicate account id: already given at")]
    [InlineData("account_id,asset,amount\nalice,DOGE,1\n", ":2: field 'asset'")]
    public void Build_BadInput_Exit2_NamesFileLineField_NoOutput(string snapshot, string message)
    {
        var path = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(path, snapshot);
        var output = Path.Combine(_dir, "round");
        var (exit, _, err) = CliRunner.Run([.. round.BuildArgs(output, snapshot: path).Where(a => a != "--json")]);
        Assert.Equal(2, exit);
        Assert.Contains(path + message, err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.False(Directory.Exists(ZkRoundBuilder.PartialPath(output)));
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [Theory]
    [InlineData("--parameter-set", "pol-test-n4", "for tests only")]
    [InlineData("--parameter-set", "pol-v2", "unknown parameter set")]
    public void Build_ParameterSetNotAllowed_Exit2(string option, string value, string message)
    {
        var output = Path.Combine(_dir, "round");
        var (exit, _, err) = CliRunner.Run("round", "build", "--mode", "zk", option, value, "--snapshot", round.Snapshot, "--assets", round.Assets, "--out", output, "--round-id", "r");
        Assert.Equal(2, exit);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));

        var transparent = CliRunner.Run("round", "build", "--parameter-set", "pol-v1-n8", "--snapshot", round.Snapshot, "--assets", round.Assets, "--out", output, "--round-id", "r");
        Assert.Equal(2, transparent.Exit);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Build_OptIn128BitParameterSet_VerifiesWithoutTestFlag()
    {
        var output = Path.Combine(_dir, "round-s128");
        var built = CliRunner.Run("round", "build", "--mode", "zk", "--parameter-set", "pol-v1-n8-s128", "--snapshot", round.Snapshot, "--assets", round.Assets, "--out", output, "--round-id", "r", "--json");
        Assert.Equal(0, built.Exit);
        Assert.Equal("pol-v1-n8-s128", CliRunner.Json(built.Out).GetProperty("parameter_set").GetString());
        var manifest = CliRunner.Json(File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.Equal("pol-v1-n8-s128", manifest.GetProperty("parameter_set").GetString());

        var verify = CliRunner.Run("round", "verify", "--round", output, "--json");
        Assert.Equal(0, verify.Exit);
        Assert.Equal("verified", CliRunner.Json(verify.Out).GetProperty("status").GetString());
    }

    [Fact]
    public void InclusionVerify_ProofMaterialOver1KiB_RejectedAsMalformed()
    {
        var node = JsonNode.Parse(File.ReadAllText(round.InclusionFile))!;
        var top = node["top_path"]!.AsArray();
        var sibling = top[0]!.GetValue<string>();
        while (node["batch_path"]!.AsArray().Count + top.Count <= 32)
        {
            top.Add(sibling);
        }

        var file = Path.Combine(_dir, "big.json");
        File.WriteAllText(file, node.ToJsonString());
        var (exit, _, err) = CliRunner.Run("inclusion", "verify", "--inclusion", file, Test);
        Assert.Equal(2, exit);
        Assert.Contains("more than 32 siblings (over 1 KiB of proof material)", err, StringComparison.Ordinal);

        // One sibling too few or too many (within 1 KiB) fails the shape check.
        top.RemoveAt(top.Count - 1);
        while (node["batch_path"]!.AsArray().Count + top.Count > 6)
        {
            top.RemoveAt(top.Count - 1);
        }

        File.WriteAllText(file, node.ToJsonString());
        var shape = CliRunner.Run("inclusion", "verify", "--inclusion", file, Test);
        Assert.Equal(1, shape.Exit);
        Assert.Contains("path length differs", shape.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void InclusionVerify_ZkFileAgainstTransparentManifest_Exit2()
    {
        var assets = Path.Combine(_dir, "assets.csv");
        File.Copy(round.Assets, assets);
        var transparent = Path.Combine(_dir, "t");
        Assert.Equal(0, CliRunner.Run("round", "build", "--snapshot", round.Snapshot, "--assets", assets, "--out", transparent, "--round-id", "2026-11", "--snapshot-time", "2026-11-01T00:00:00Z").Exit);
        var (exit, _, err) = CliRunner.Run("inclusion", "verify", "--inclusion", round.InclusionFile, "--manifest", Path.Combine(transparent, "manifest.json"), Test);
        Assert.Equal(2, exit);
        Assert.Contains("mode", err, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, CliRunner.Json(CliRunner.Run("round", "verify", "--round", transparent, "--json").Out).ValueKind);
    }

    [Theory]
    [InlineData("\"total\": \"220\"", "\"total\": \"221\"")]
    [InlineData("\"round_id\": \"2026-11\"", "\"round_id\": \"2026-10\"")]
    [InlineData("\"snapshot_time\": \"2026-11-01T00:00:00Z\"", "\"snapshot_time\": \"2026-10-01T00:00:00Z\"")]
    [InlineData("\"batch_count\": 2", "\"batch_count\": 3")]
    public void InclusionVerify_EditedRoundFieldWithoutManifest_Exit1(string from, string to)
    {
        var text = File.ReadAllText(round.InclusionFile);
        Assert.Contains(from, text, StringComparison.Ordinal);
        var edited = Path.Combine(_dir, "edited.json");
        File.WriteAllText(edited, text.Replace(from, to, StringComparison.Ordinal));
        var result = CliRunner.Run("inclusion", "verify", "--inclusion", edited, Test, "--json");
        Assert.Equal(1, result.Exit);
        Assert.StartsWith("root does not commit to the file's round fields", CliRunner.Json(result.Out).GetProperty("failure").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("tree_root")]
    public void InclusionVerify_MalformedRoot_Exit2NamingFileAndField(string field)
    {
        var json = JsonNode.Parse(File.ReadAllText(round.InclusionFile))!.AsObject();
        json[field] = json[field]!.GetValue<string>().ToUpperInvariant();
        var edited = Path.Combine(_dir, "malformed.json");
        File.WriteAllText(edited, json.ToJsonString());
        var (exit, _, err) = CliRunner.Run("inclusion", "verify", "--inclusion", edited, Test);
        Assert.Equal(2, exit);
        Assert.Contains("malformed.json", err, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", err, StringComparison.Ordinal);
    }
}
