// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Por.Cli.Tests.Tokens;

/// <summary><c>por token statement keygen|sign|verify</c>: a custodian signs, anyone verifies with the pinned key; every failure has its code.</summary>
public sealed class TokenStatementCommandTests : IDisposable
{
    private const string Unsigned = """
        {
          "format": "por-reserve-statement/1",
          "issuer": "Example Trust Co.",
          "token": "usdx",
          "signer": "Custody Bank N.A.",
          "signer_role": "custodian",
          "as_of": "2026-12-06T00:00:00Z",
          "valid_until": "2026-12-08T00:00:00Z",
          "currency": "USD",
          "decimals": 2,
          "assets": [
            { "type": "cash", "description": "Reserve account", "holder": "Example Trust Co.", "custodian": "Custody Bank N.A.",
              "jurisdiction": "US-NY", "account_nature": "segregated", "pledged": false, "restricted": false, "amount": "750000.00" },
            { "type": "money_market_fund", "description": "Government MMF shares", "holder": "Example Trust Co.", "custodian": "Custody Bank N.A.",
              "jurisdiction": "US", "account_nature": "trust", "pledged": false, "restricted": true, "amount": "10.00" }
          ],
          "total_available": "750000.00",
          "ripcord": false,
          "ripcord_details": null
        }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("por-statement-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("ed25519")]
    [InlineData("secp256k1")]
    public void KeygenSignVerify_Honest_Exit0(string algorithm)
    {
        var (key, pub) = Keygen(algorithm);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        var signed = Sign(key, Unsigned);
        var run = CliRunner.Run("token", "statement", "verify", "--statement", signed, "--public-key", pub, "--token", "usdx", "--issuer", "Example Trust Co.", "--currency", "USD", "--at", "2026-12-06T12:00:00Z", "--json");
        Assert.True(run.Exit == 0, run.Out + run.Err);
        var json = CliRunner.Json(run.Out);
        Assert.Equal("verified", json.GetProperty("status").GetString());
        Assert.Equal("750000.00", json.GetProperty("total_available").GetString());
    }

    [Fact]
    public void Keygen_ExistingOutput_RefusedWithoutForce_NothingWritten()
    {
        var (key, _) = Keygen("ed25519");
        var before = File.ReadAllBytes(key);
        var run = CliRunner.Run("token", "statement", "keygen", "--name", "Custody Bank N.A.", "--out", key, "--public-out", Path.Combine(_dir, "other.pub.json"));
        Assert.NotEqual(0, run.Exit);
        Assert.Equal(before, File.ReadAllBytes(key));
        Assert.False(File.Exists(Path.Combine(_dir, "other.pub.json")));
    }

    [Theory]
    [InlineData("tampered", "bad_signature", "2026-12-06T12:00:00Z")]
    [InlineData("other_key", "bad_signature", "2026-12-06T12:00:00Z")]
    [InlineData("expired", "stale", "2026-12-08T00:00:00Z")]
    [InlineData("ripcord", "ripcord", "2026-12-06T12:00:00Z")]
    [InlineData("wrong_token", "mismatch", "2026-12-06T12:00:00Z")]
    [InlineData("no_as_of", "unclocked", "2026-12-06T12:00:00Z")]
    public void Verify_FailedStatement_Exit1_WithItsCode(string kind, string code, string at)
    {
        var (key, pub) = Keygen("ed25519");
        var unsigned = JsonNode.Parse(Unsigned)!.AsObject();
        switch (kind)
        {
            case "ripcord":
                unsigned["ripcord"] = true;
                unsigned["ripcord_details"] = "custodian cannot confirm balances today";
                break;
            case "wrong_token":
                unsigned["token"] = "usdy";
                break;
            case "no_as_of":
                unsigned["as_of"] = null;
                break;
        }

        var signed = Sign(key, unsigned.ToJsonString());
        if (kind == "tampered")
        {
            File.WriteAllText(signed, File.ReadAllText(signed).Replace("750000.00", "950000.00", StringComparison.Ordinal));
        }

        if (kind == "other_key")
        {
            pub = Keygen("ed25519").Public;
        }

        var run = CliRunner.Run("token", "statement", "verify", "--statement", signed, "--public-key", pub, "--token", "usdx", "--at", at, "--json");
        Assert.True(run.Exit == 1, run.Out + run.Err);
        Assert.Equal(code, CliRunner.Json(run.Out).GetProperty("failure_code").GetString());
        var text = CliRunner.Run("token", "statement", "verify", "--statement", signed, "--public-key", pub, "--token", "usdx", "--at", at);
        Assert.StartsWith($"FAIL ({code})", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_TotalThatIsNotTheAvailableSum_Exit2_NamesTheField_NoOutput()
    {
        var (key, _) = Keygen("ed25519");
        var input = Path.Combine(_dir, "bad.json");
        File.WriteAllText(input, Unsigned.Replace("\"total_available\": \"750000.00\"", "\"total_available\": \"750010.00\"", StringComparison.Ordinal));
        var output = Path.Combine(_dir, "bad.signed.json");
        var run = CliRunner.Run("token", "statement", "sign", "--key", key, "--statement", input, "--out", output, "--json");
        Assert.Equal(2, run.Exit);
        Assert.Contains("total_available", run.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Verify_MalformedStatement_Exit2_MissingFile_Exit3()
    {
        var (_, pub) = Keygen("ed25519");
        var input = Path.Combine(_dir, "unsigned.json");
        File.WriteAllText(input, Unsigned);
        var run = CliRunner.Run("token", "statement", "verify", "--statement", input, "--public-key", pub, "--token", "usdx");
        Assert.Equal(2, run.Exit);
        Assert.Contains("algorithm", run.Err + run.Out, StringComparison.Ordinal);
        Assert.Equal(3, CliRunner.Run("token", "statement", "verify", "--statement", Path.Combine(_dir, "none.json"), "--public-key", pub, "--token", "usdx").Exit);
    }

    private (string Secret, string Public) Keygen(string algorithm)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var key = Path.Combine(_dir, $"signer-{id}.key.json");
        var pub = Path.Combine(_dir, $"signer-{id}.pub.json");
        var run = CliRunner.Run("token", "statement", "keygen", "--algorithm", algorithm, "--name", "Custody Bank N.A.", "--out", key, "--public-out", pub);
        Assert.True(run.Exit == 0, run.Out + run.Err);
        return (key, pub);
    }

    private string Sign(string key, string unsigned)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var input = Path.Combine(_dir, $"statement-{id}.json");
        var output = Path.Combine(_dir, $"statement-{id}.signed.json");
        File.WriteAllText(input, unsigned);
        var run = CliRunner.Run("token", "statement", "sign", "--key", key, "--statement", input, "--out", output);
        Assert.True(run.Exit == 0, run.Out + run.Err);
        return output;
    }
}
