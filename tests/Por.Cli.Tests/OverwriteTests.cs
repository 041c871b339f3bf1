// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Tests;

/// <summary>
/// The one overwrite rule: every command that writes an output refuses an existing one (exit 3, a message naming
/// <c>--force</c>, the old output untouched) and with <c>--force</c> replaces it completely, leaving no temporary file.
/// </summary>
public sealed class OverwriteTests(DemoDirectory demo) : IClassFixture<DemoDirectory>
{
    private const string Old = "old output";

    private readonly string _work = Directory.CreateTempSubdirectory("por-force-").FullName;

    private string D(string name) => Path.Combine(demo.Path, name);

    public static TheoryData<string> FileWriters => new(["inclusion export", "attest", "attestation keygen", "reserves verify", "reserves challenge"]);

    public static TheoryData<string> DirectoryWriters => new(["round build", "report", "inclusion export --all"]);

    [Theory]
    [MemberData(nameof(FileWriters))]
    public void FileOutput_RefusedWithoutForce_ReplacedWithForce(string command)
    {
        var output = Path.Combine(_work, "out.json");
        File.WriteAllText(output, Old);
        var refused = CliRunner.Run(Args(command, output));
        Assert.True(refused.Exit == 3, $"{command}: {refused.Exit} {refused.Out} {refused.Err}");
        Assert.Contains("--force", refused.Err, StringComparison.Ordinal);
        Assert.Equal(Old, File.ReadAllText(output));

        var json = CliRunner.Json(CliRunner.Run([.. Args(command, output), "--json"]).Out);
        Assert.Equal("output_exists", json.GetProperty("failure_code").GetString());

        var forced = CliRunner.Run([.. Args(command, output), "--force"]);
        Assert.True(forced.Exit is 0 or 1, $"{command}: {forced.Exit} {forced.Out} {forced.Err}");
        Assert.NotEqual(Old, File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_work, ".*"));
    }

    [Theory]
    [MemberData(nameof(DirectoryWriters))]
    public void DirectoryOutput_RefusedWithoutForce_ReplacedWithForce(string command)
    {
        var output = Path.Combine(_work, "out");
        Directory.CreateDirectory(output);
        var marker = Path.Combine(output, "old.txt");
        File.WriteAllText(marker, Old);
        var refused = CliRunner.Run(Args(command, output));
        Assert.True(refused.Exit == 3, $"{command}: {refused.Exit} {refused.Out} {refused.Err}");
        Assert.Contains("--force", refused.Err, StringComparison.Ordinal);
        Assert.True(File.Exists(marker));

        var forced = CliRunner.Run([.. Args(command, output), "--force"]);
        Assert.True(forced.Exit == 0, $"{command}: {forced.Exit} {forced.Out} {forced.Err}");
        Assert.False(File.Exists(marker));
        Assert.NotEmpty(Directory.GetFileSystemEntries(output));
        Assert.Equal([output], Directory.GetFileSystemEntries(_work));
    }

    [Fact]
    public void Force_FailingRun_KeepsTheOldOutput()
    {
        // A --force run that fails (here: an account that is not in the round) must not touch the old file.
        var output = Path.Combine(_work, "alice.json");
        File.WriteAllText(output, Old);
        var run = CliRunner.Run("inclusion", "export", "--round", D("round"), "--account", "nobody", "--out", output, "--force");
        Assert.Equal(2, run.Exit);
        Assert.Equal(Old, File.ReadAllText(output));

        var directory = Path.Combine(_work, "report");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "old.txt"), Old);
        var prices = Path.Combine(_work, "bad-prices.csv");
        File.WriteAllText(prices, "symbol,usd_price\nUSDT,1\n");
        Assert.Equal(2, CliRunner.Run("report", "--round", D("round"), "--reserves", D("reserves-result.json"), "--reserves-key", D("auditor.pub.json"), "--prices", prices, "--out", directory, "--force").Exit);
        Assert.Equal(Old, File.ReadAllText(Path.Combine(directory, "old.txt")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_work), p => Path.GetFileName(p).StartsWith('.'));
    }

    private string[] Args(string command, string output) => command switch
    {
        "inclusion export" => ["inclusion", "export", "--round", D("round"), "--account", FirstAccount(), "--out", output],
        "attest" => ["attest", "--round", D("round"), "--report", D("report/report.json"), "--key", SecretKey(), "--out", output],
        "attestation keygen" => ["attestation", "keygen", "--name", "Audit", "--out", output, "--public-out", Path.Combine(demo.Path, "keygen-" + Guid.NewGuid().ToString("N") + ".pub.json")],
        "reserves verify" => ["reserves", "verify", "--file", D("reserves.json"), "--registry", D("registry.json"), "--out", output],
        "reserves challenge" => ["reserves", "challenge", "--registry", D("registry.json"), "--custodian", "Demo Exchange", "--out", output],
        "round build" => ["round", "build", "--snapshot", D("snapshot.csv"), "--assets", D("assets.csv"), "--out", output, "--round-id", "r"],
        "report" => ["report", "--round", D("round"), "--reserves", D("reserves-result.json"), "--reserves-key", D("auditor.pub.json"), "--prices", D("prices.csv"), "--out", output],
        "inclusion export --all" => ["inclusion", "export", "--all", "--round", D("round"), "--snapshot", D("snapshot.csv"), "--out", output],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    private string FirstAccount() => File.ReadLines(D("snapshot.csv")).Skip(1).First().Split(',')[0];

    private string SecretKey()
    {
        var key = Path.Combine(demo.Path, "overwrite-auditor.key.json");
        if (!File.Exists(key))
        {
            Assert.Equal(0, CliRunner.Run("attestation", "keygen", "--name", "Audit", "--out", key, "--public-out", Path.Combine(demo.Path, "overwrite-auditor.pub.json"), "--force").Exit);
        }

        return key;
    }
}
