// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Crypto.Native;

namespace Por.Cli.Tests;

/// <summary>
/// The one CLI convention of docs/cli.md, command by command: every command maps a missing input file to exit 3, a
/// malformed one to exit 2 and a missing native library to exit 3 (or runs without it, when it needs none), and with
/// <c>--json</c> reports each as one JSON error document with its <c>failure_code</c>.
/// </summary>
public sealed class ConventionTests(DemoDirectory demo) : IClassFixture<DemoDirectory>
{
    /// <summary>The commands that read an input file, with the input under test (missing or malformed) substituted.</summary>
    public static TheoryData<string> Commands => new(s_commandNames);

    private static readonly string[] s_commandNames =
    [
        "round build", "round verify", "inclusion export", "inclusion verify", "reserves verify", "reserves challenge", "report", "attest",
        "attestation verify", "audit sample", "audit verify",
    ];

    private string Work { get; } = Directory.CreateTempSubdirectory("por-convention-").FullName;

    private string D(string name) => Path.Combine(demo.Path, name);

    private string New(string name) => Path.Combine(Work, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    // The command line of each command; `input` replaces the one input file the row is about.
    private string[] Args(string command, string? input) => command switch
    {
        "round build" => ["round", "build", "--snapshot", input ?? D("snapshot.csv"), "--assets", D("assets.csv"), "--out", New("round"), "--round-id", "r"],
        "round verify" => ["round", "verify", "--round", input ?? D("round")],
        "inclusion export" => ["inclusion", "export", "--round", input ?? D("round"), "--account", FirstAccount(), "--out", New("inclusion.json")],
        "inclusion verify" => ["inclusion", "verify", "--inclusion", input ?? D("inclusion.json"), "--manifest", D("round/manifest.json")],
        "reserves verify" => ["reserves", "verify", "--file", input ?? D("reserves.json"), "--registry", D("registry.json")],
        "reserves challenge" => ["reserves", "challenge", "--registry", input ?? D("registry.json"), "--custodian", "Demo Exchange"],
        "report" => ["report", "--round", D("round"), "--reserves", D("reserves-result.json"), "--reserves-key", D("auditor.pub.json"), "--prices", input ?? D("prices.csv"), "--out", New("report")],
        "attest" => ["attest", "--round", D("round"), "--report", input ?? D("report/report.json"), "--key", SecretKey(), "--out", New("attestation.json")],
        "attestation verify" => ["attestation", "verify", "--attestation", input ?? D("report/attestation.json"), "--round", D("round"), "--report", D("report/report.json"), "--auditor-key", D("auditor.pub.json")],
        "audit sample" => ["audit", "sample", "--round", input ?? D("round"), "--list", AuditList(), "--seed-chain", "bitcoin", "--seed-height", "1", "--seed-block-hash", new string('7', 64), "--size", "3", "--out", New("sample.json")],
        "audit verify" => ["audit", "verify", "--sample", input ?? AuditSample(), "--list", AuditList(), "--round", D("round"), "--inclusions", AuditExport()],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private string AuditList()
    {
        var path = D("convention-audit-list.txt");
        if (!File.Exists(path))
        {
            File.WriteAllLines(path, File.ReadLines(D("snapshot.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct(StringComparer.Ordinal));
        }

        return path;
    }

    private string AuditSample()
    {
        var path = D("convention-audit-sample.json");
        if (!File.Exists(path))
        {
            Assert.Equal(0, CliRunner.Run("audit", "sample", "--round", D("round"), "--list", AuditList(), "--seed-chain", "bitcoin", "--seed-height", "1", "--seed-block-hash", new string('7', 64), "--size", "3", "--out", path).Exit);
        }

        return path;
    }

    private string AuditExport()
    {
        var path = D("convention-audit-export");
        if (!Directory.Exists(path))
        {
            Assert.Equal(0, CliRunner.Run("inclusion", "export", "--round", D("round"), "--ids", AuditSample(), "--out", path).Exit);
        }

        return path;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void MissingInputFile_Exit3_FileNotFound(string command)
    {
        var missing = Path.Combine(Work, "no-such-file.json");
        var text = CliRunner.Run(Args(command, missing));
        Assert.Equal(3, text.Exit);
        Assert.StartsWith("error: ", text.Err, StringComparison.Ordinal);
        Assert.Contains(missing, text.Err, StringComparison.Ordinal);
        Assert.Empty(text.Out);

        var json = AssertJsonError(CliRunner.Run([.. Args(command, missing), "--json"]), 3, "file_not_found");
        Assert.Equal(missing, json.GetProperty("file").GetString());
        Assert.DoesNotContain(Directory.GetFileSystemEntries(Work), p => !p.EndsWith(".key.json", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void MalformedInputFile_Exit2_InvalidInputWithLocation(string command)
    {
        var malformed = Path.Combine(Work, command == "round verify" ? "manifest.json" : "malformed.json");
        File.WriteAllText(malformed, "{ \"format\": 7 \n");
        var text = CliRunner.Run(Args(command, malformed));
        Assert.True(text.Exit == 2, $"{command}: exit {text.Exit}: {text.Out} {text.Err}");
        Assert.Contains(malformed, text.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text.Err, StringComparison.Ordinal);

        var json = AssertJsonError(CliRunner.Run([.. Args(command, malformed), "--json"]), 2, "invalid_input");
        Assert.Equal(malformed, json.GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Number, json.GetProperty("line").ValueKind);
        Assert.Equal(JsonValueKind.String, json.GetProperty("field").ValueKind);
    }

    [Theory]
    [InlineData("round build", 0)]
    [InlineData("round verify", 0)]
    [InlineData("inclusion export", 0)]
    [InlineData("inclusion verify", 0)]
    [InlineData("reserves challenge", 0)]
    [InlineData("reserves verify", 3)]
    [InlineData("report", 3)]
    [InlineData("attest", 3)]
    [InlineData("attestation verify", 3)]
    [InlineData("audit sample", 0)]
    [InlineData("audit verify", 0)]
    public void MissingNativeLibrary_Exit3_OrNotNeeded(string command, int expected)
    {
        var args = Args(command, null);
        (int Exit, string Out, string Err) run;
        using (NativeLibraryGate.SimulateMissing())
        {
            run = CliRunner.Run([.. args, "--json"]);
        }

        if (expected == 0)
        {
            Assert.True(run.Exit == 0, $"{command}: {run.Out} {run.Err}");
            return;
        }

        var json = AssertJsonError(run, 3, "native_library_unavailable");
        Assert.StartsWith("environment error: lib", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReservesVerify_UnreachableNode_Exit3NotVerificationFailed()
    {
        // The demo's node configuration, pointed at a port nothing listens on.
        var nodes = Path.Combine(Work, "nodes.json");
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(D("nodes.json")))!;
        foreach (var (_, chain) in config["chains"]!.AsObject())
        {
            chain!["url"] = "http://127.0.0.1:1/";
        }

        File.WriteAllText(nodes, config.ToJsonString());
        Assert.Contains("127.0.0.1:1/", File.ReadAllText(nodes), StringComparison.Ordinal);
        var text = CliRunner.Run("reserves", "verify", "--file", D("reserves.json"), "--registry", D("registry.json"), "--nodes", nodes);
        Assert.Equal(3, text.Exit);
        Assert.Contains("error: environment error: ", text.Err, StringComparison.Ordinal);
        Assert.Contains("node error (Unreachable)", text.Out, StringComparison.Ordinal);

        var json = CliRunner.Run("reserves", "verify", "--file", D("reserves.json"), "--registry", D("registry.json"), "--nodes", nodes, "--json");
        Assert.Equal(3, json.Exit);
        Assert.Equal(JsonValueKind.Object, CliRunner.Json(json.Out).ValueKind);
    }

    [Fact]
    public void AttestationKeygen_MissingNativeLibrary_Exit3Json()
    {
        (int Exit, string Out, string Err) run;
        using (NativeLibraryGate.SimulateMissing())
        {
            run = CliRunner.Run("attestation", "keygen", "--name", "A", "--out", New("k.json"), "--public-out", New("k.pub.json"), "--json");
        }

        AssertJsonError(run, 3, "native_library_unavailable");
    }

    [Theory]
    [InlineData("round", "verify", "--no-such-flag")]
    [InlineData("report")]
    [InlineData("nonsense")]
    [InlineData("inclusion", "verify")]
    public void UsageError_Json_IsOneErrorDocument(params string[] args)
    {
        var json = AssertJsonError(CliRunner.Run([.. args, "--json"]), 2, "usage");
        Assert.Contains("--help", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_Exit2_NamesCommands()
    {
        var (exit, stdout, stderr) = CliRunner.Run("nonsense");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("unknown command 'nonsense'", stderr, StringComparison.Ordinal);
        Assert.Contains("round", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("round", "verify", "--round")]
    [InlineData("inclusion", "verify", "--inclusion")]
    public void LeftoverPositional_Exit2_NamesTheOption(string group, string command, string option)
    {
        var (exit, _, stderr) = CliRunner.Run(group, command, "some/path");
        Assert.Equal(2, exit);
        Assert.Contains($"give it as {option} some/path", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("is required", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PositionalOnCommandWithoutOne_Exit2()
    {
        var (exit, _, stderr) = CliRunner.Run("report", "round-dir");
        Assert.Equal(2, exit);
        Assert.Contains("unexpected argument 'round-dir'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    public void Por_AloneOrHelp_PrintsHelpExit0(params string[] args)
    {
        var (exit, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(0, exit);
        Assert.Empty(stderr);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
        foreach (var command in new[] { "demo", "round", "inclusion", "reserves", "report", "attest", "attestation", "audit" })
        {
            Assert.Contains("  " + command, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RoundArgument_ManifestFileOrDirectory_SameResult()
    {
        var byDirectory = CliRunner.Run("round", "verify", "--round", D("round"), "--json");
        var byManifest = CliRunner.Run("round", "verify", "--round", D("round/manifest.json"), "--json");
        Assert.Equal(0, byDirectory.Exit);
        Assert.Equal(byDirectory.Out, byManifest.Out);

        string[] attestation = ["attestation", "verify", "--attestation", D("report/attestation.json"), "--report", D("report/report.json"), "--auditor-key", D("auditor.pub.json")];
        Assert.Equal(0, CliRunner.Run([.. attestation, "--round", D("round")]).Exit);
        Assert.Equal(0, CliRunner.Run([.. attestation, "--round", D("round/manifest.json")]).Exit);

        // The public has only manifest.json: a copy of it alone is enough for the commands that need only the manifest.
        var published = Path.Combine(Work, "published-manifest.json");
        File.Copy(D("round/manifest.json"), published);
        Assert.Equal(0, CliRunner.Run([.. attestation, "--round", published]).Exit);
        Assert.Equal(0, CliRunner.Run("inclusion", "verify", "--inclusion", D("inclusion.json"), "--manifest", published).Exit);

        var export = New("by-manifest.json");
        Assert.Equal(0, CliRunner.Run("inclusion", "export", "--round", D("round/manifest.json"), "--account", FirstAccount(), "--out", export).Exit);
        Assert.Equal(0, CliRunner.Run("inclusion", "verify", "--inclusion", export).Exit);
    }

    private static JsonElement AssertJsonError((int Exit, string Out, string Err) run, int exitCode, string failureCode)
    {
        Assert.True(run.Exit == exitCode, $"exit {run.Exit}: {run.Out} {run.Err}");
        var json = CliRunner.Json(run.Out);
        Assert.Equal(exitCode == 1 ? "failed" : "error", json.GetProperty("status").GetString());
        Assert.Equal(exitCode, json.GetProperty("exit_code").GetInt32());
        Assert.Equal(failureCode, json.GetProperty("failure_code").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
        Assert.DoesNotContain("   at ", run.Out, StringComparison.Ordinal);
        return json;
    }

    private string FirstAccount() => File.ReadLines(D("snapshot.csv")).Skip(1).First().Split(',')[0];

    private string SecretKey()
    {
        var key = Path.Combine(Work, "auditor.key.json");
        if (!File.Exists(key))
        {
            Assert.Equal(0, CliRunner.Run("attestation", "keygen", "--name", "Audit", "--out", key, "--public-out", Path.Combine(Work, "auditor.pub.key.json")).Exit);
        }

        return key;
    }
}
