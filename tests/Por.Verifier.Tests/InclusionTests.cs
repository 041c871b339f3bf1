// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;
using Por.Testing;

namespace Por.Verifier.Tests;

/// <summary>
/// PorVerifier.VerifyInclusion on honest files of both modes (current and legacy format ids) and on every kind of bad
/// input: each field tampered, the wrong round, the other mode's manifest, garbage; it never throws and never passes
/// a changed file.
/// </summary>
public sealed class InclusionTests(VerifierFiles files) : IClassFixture<VerifierFiles>
{
    [Fact]
    public void Transparent_Honest_WithManifest_PassesWithBalancesTotalsAndRoot()
    {
        var r = PorVerifier.VerifyInclusion(files.TransparentInclusion, files.TransparentManifest);
        Assert.True(r.Passed, r.Message);
        Assert.Equal(VerifierFailure.None, r.Failure);
        Assert.Equal(VerifiedMode.Transparent, r.Mode);
        Assert.True(r.CheckedAgainstManifest);
        Assert.Equal("2026-11", r.RoundId);
        Assert.Equal(files.TransparentAccount, r.AccountId);
        var manifest = RoundManifestJson.Parse(files.TransparentManifest, "m");
        Assert.Equal(Convert.ToHexStringLower([.. manifest.Header.Root]), r.Root);
        var expected = files.TransparentBalances.Select((units, a) => (units, a)).Where(x => x.units != 0)
            .Select(x => new AssetAmount(TestRounds.Assets[x.a].Symbol, x.units, TestRounds.Assets[x.a].Decimals));
        Assert.Equal(expected, r.Balances);
        Assert.Equal(manifest.Header.Totals, r.Totals!.Select(t => t.Units));
        Assert.Equal(["BTC", "ETH", "USDT"], r.Totals!.Select(t => t.Symbol));
    }

    [Fact]
    public void Transparent_Honest_Alone_PassesWithoutTotals()
    {
        var r = PorVerifier.VerifyInclusion(files.TransparentInclusion);
        Assert.True(r.Passed, r.Message);
        Assert.False(r.CheckedAgainstManifest);
        Assert.Null(r.Totals);
        Assert.NotNull(r.Root);
    }

    [Fact]
    public void Zk_Honest_LegacyAndCurrentIds_PassWithManifest()
    {
        foreach (var (inclusion, manifest) in new[]
        {
            (VerifierFiles.ZkInclusion, VerifierFiles.ZkManifest),
            (VerifierFiles.CurrentIds(VerifierFiles.ZkInclusion), VerifierFiles.CurrentIds(VerifierFiles.ZkManifest)),
        })
        {
            var r = PorVerifier.VerifyInclusion(inclusion, manifest);
            Assert.True(r.Passed, r.Message);
            Assert.Equal(VerifiedMode.Zk, r.Mode);
            Assert.True(r.CheckedAgainstManifest);
            Assert.Equal("recorded-2026-12-zk", r.RoundId);
            Assert.Equal("user-7", r.AccountId);
            Assert.Equal("pol-v1-n8", r.ParameterSetId);
            Assert.Equal(2, r.BatchCount);
            Assert.Equal("80d7cc127b46da7222fa71fcd2cbd9b49c1c4fb21dc8ceedddd2c865ea078b9e", r.Root);
            Assert.Equal(["93.75", "15175", "2265000"], r.Totals!.Select(t => t.ToString()));
            Assert.NotEmpty(r.Balances);
        }

        Assert.Contains("\"por-inclusion/2\"", Encoding.UTF8.GetString(VerifierFiles.CurrentIds(VerifierFiles.ZkInclusion)), StringComparison.Ordinal);
    }

    [Fact]
    public void StreamAndParsedOverloads_GiveTheSameResult()
    {
        using var inclusion = new MemoryStream(files.TransparentInclusion);
        using var manifest = new MemoryStream(files.TransparentManifest);
        var fromStreams = PorVerifier.VerifyInclusion(inclusion, manifest);
        var parsed = PorVerifier.VerifyInclusion(InclusionProofJson.Parse(files.TransparentInclusion, "i"), RoundManifestJson.Parse(files.TransparentManifest, "m"));
        Assert.Equal(PorVerifier.VerifyInclusion(files.TransparentInclusion, files.TransparentManifest).ToJson(), fromStreams.ToJson());
        Assert.Equal(fromStreams.ToJson(), parsed.ToJson());

        var zk = PorVerifier.VerifyInclusion(ZkInclusionFileJson.Parse(VerifierFiles.ZkInclusion, "i"), ZkRoundManifestJson.Parse(VerifierFiles.ZkManifest, "m"));
        Assert.Equal(PorVerifier.VerifyInclusion(VerifierFiles.ZkInclusion, VerifierFiles.ZkManifest).ToJson(), zk.ToJson());
    }

    [Fact]
    public void Transparent_EachFieldTampered_Fails()
    {
        var count = 0;
        foreach (var (path, tampered) in VerifierFiles.EachFieldTampered(files.TransparentInclusion))
        {
            Assert.False(PorVerifier.VerifyInclusion(tampered, files.TransparentManifest).Passed, $"with manifest, {path} changed");
            Assert.False(PorVerifier.VerifyInclusion(tampered).Passed, $"alone, {path} changed");
            count++;
        }

        Assert.True(count > 20, $"only {count} fields");
    }

    [Fact]
    public void Zk_EachFieldTampered_Fails()
    {
        var count = 0;
        foreach (var (path, tampered) in VerifierFiles.EachFieldTampered(VerifierFiles.ZkInclusion))
        {
            Assert.False(PorVerifier.VerifyInclusion(tampered, VerifierFiles.ZkManifest).Passed, $"with manifest, {path} changed");
            Assert.False(PorVerifier.VerifyInclusion(tampered).Passed, $"alone, {path} changed");
            count++;
        }

        Assert.True(count > 20, $"only {count} fields");
    }

    [Fact]
    public void EachBoundManifestField_Tampered_FailsTheHonestInclusion()
    {
        // Every manifest field the round header holds; "tool" and "files" describe the bundle, not the round.
        foreach (var (manifest, inclusion) in new[] { (files.TransparentManifest, files.TransparentInclusion), (VerifierFiles.ZkManifest, VerifierFiles.ZkInclusion) })
        {
            foreach (var (path, tampered) in VerifierFiles.EachFieldTampered(manifest))
            {
                if (path.StartsWith("$.tool", StringComparison.Ordinal) || path.StartsWith("$.files", StringComparison.Ordinal))
                {
                    continue;
                }

                var r = PorVerifier.VerifyInclusion(inclusion, tampered);
                Assert.False(r.Passed, $"manifest {path} changed");
            }
        }
    }

    [Theory]
    [InlineData("account.balances.BTC", VerifierFailure.TotalMismatch)] // the sums up the path change before the root is reached
    [InlineData("account.salt", VerifierFailure.RootMismatch)]
    [InlineData("account.id", VerifierFailure.RootMismatch)]
    [InlineData("root", VerifierFailure.RootMismatch)]
    [InlineData("path[0].digest", VerifierFailure.RootMismatch)]
    public void Transparent_NamedField_FailsWithItsCode(string field, VerifierFailure expected)
    {
        var tampered = VerifierFiles.EachFieldTampered(files.TransparentInclusion).FirstOrDefault(t => t.Path == "$." + field).Tampered
            ?? VerifierFiles.EachFieldTampered(files.TransparentInclusion).First(t => t.Path.StartsWith("$." + field, StringComparison.Ordinal)).Tampered;
        var r = PorVerifier.VerifyInclusion(tampered);
        Assert.Equal(expected, r.Failure);
        Assert.NotEmpty(r.Message);
    }

    [Fact]
    public void Transparent_StatedTotalChanged_FailsTotalMismatch()
    {
        var tampered = VerifierFiles.Edit(files.TransparentInclusion, o => o["assets"]![0]!["total"] = "99999999");
        Assert.Equal(VerifierFailure.TotalMismatch, PorVerifier.VerifyInclusion(tampered).Failure);
    }

    [Fact]
    public void Transparent_PathStepRemoved_FailsProofMalformed()
    {
        var tampered = VerifierFiles.Edit(files.TransparentInclusion, o => o["path"]!.AsArray().RemoveAt(0));
        Assert.Equal(VerifierFailure.ProofMalformed, PorVerifier.VerifyInclusion(tampered).Failure);
    }

    [Fact]
    public void WrongRound_TransparentManifest_FailsRoundMismatch()
    {
        var r = PorVerifier.VerifyInclusion(files.TransparentInclusion, files.OtherTransparentManifest);
        Assert.Equal(VerifierFailure.RoundMismatch, r.Failure);
        Assert.Contains("round_id", r.Message, StringComparison.Ordinal);
        Assert.True(r.CheckedAgainstManifest);

        // The result describes the file's round only: never the other round's root or totals beside it.
        Assert.Equal("2026-11", r.RoundId);
        Assert.Equal(PorVerifier.VerifyInclusion(files.TransparentInclusion).Root, r.Root);
        Assert.Null(r.Totals);
    }

    [Fact]
    public void WrongRound_ZkManifest_FailsRoundMismatch()
    {
        var other = VerifierFiles.Edit(VerifierFiles.ZkManifest, o => o["round_id"] = "another-round");
        Assert.Equal(VerifierFailure.RoundMismatch, PorVerifier.VerifyInclusion(VerifierFiles.ZkInclusion, other).Failure);
    }

    [Fact]
    public void Zk_TotalsChangedInFileAlone_FailsRootNotBound()
    {
        var tampered = VerifierFiles.Edit(VerifierFiles.ZkInclusion, o => o["assets"]![0]!["total"] = "93.76");
        Assert.Equal(VerifierFailure.RootNotBound, PorVerifier.VerifyInclusion(tampered).Failure);
    }

    [Fact]
    public void Zk_BalanceChanged_FailsRootMismatch()
    {
        var tampered = VerifierFiles.Edit(VerifierFiles.ZkInclusion, o =>
        {
            var balances = o["account"]!["balances"]!.AsObject();
            var first = balances.First().Key;
            balances[first] = "12345";
        });
        Assert.Equal(VerifierFailure.RootMismatch, PorVerifier.VerifyInclusion(tampered, VerifierFiles.ZkManifest).Failure);
    }

    [Fact]
    public void Zk_TestParameterSet_FailsParametersRefused()
    {
        var inclusion = VerifierFiles.Edit(VerifierFiles.ZkInclusion, o => o["parameter_set"] = "pol-test-n4");
        Assert.Equal(VerifierFailure.ParametersRefused, PorVerifier.VerifyInclusion(inclusion).Failure);
    }

    [Fact]
    public void ZkInclusion_TransparentManifest_FailsModeMismatch_AndTheReverse()
    {
        var a = PorVerifier.VerifyInclusion(VerifierFiles.ZkInclusion, files.TransparentManifest);
        Assert.Equal(VerifierFailure.ModeMismatch, a.Failure);
        Assert.Equal(VerifiedMode.Zk, a.Mode);
        Assert.False(a.CheckedAgainstManifest);
        Assert.Equal(VerifierFailure.ModeMismatch, PorVerifier.VerifyInclusion(files.TransparentInclusion, VerifierFiles.ZkManifest).Failure);
    }

    [Fact]
    public void Garbage_FailsMalformed_NeverThrows()
    {
        foreach (var garbage in new[] { Array.Empty<byte>(), "{}"u8.ToArray(), "null"u8.ToArray(), new byte[] { 0xff, 0xfe, 0x00 }, "{\"format\":\"por-inclusion/1\"}"u8.ToArray(), Encoding.UTF8.GetBytes(new string('[', 10_000)) })
        {
            Assert.Equal(VerifierFailure.InclusionMalformed, PorVerifier.VerifyInclusion(garbage).Failure);
            Assert.Equal(VerifierFailure.InclusionMalformed, PorVerifier.VerifyInclusion(garbage, files.TransparentManifest).Failure);
            Assert.Equal(VerifierFailure.ManifestMalformed, PorVerifier.VerifyInclusion(files.TransparentInclusion, garbage).Failure);
            Assert.Equal(VerifierFailure.ManifestMalformed, PorVerifier.VerifyInclusion(VerifierFiles.ZkInclusion, garbage).Failure);
        }

        // The other document kind in the wrong slot.
        Assert.Equal(VerifierFailure.InclusionMalformed, PorVerifier.VerifyInclusion(files.TransparentManifest).Failure);
        Assert.Equal(VerifierFailure.ManifestMalformed, PorVerifier.VerifyInclusion(files.TransparentInclusion, files.TransparentInclusion).Failure);
    }

    [Fact]
    public void OversizedStream_FailsMalformed()
    {
        using var big = new MemoryStream(new byte[PorVerifier.MaxFileBytes + 1]);
        Assert.Equal(VerifierFailure.InclusionMalformed, PorVerifier.VerifyInclusion(big).Failure);
    }

    [Fact]
    public void EveryByteFlipped_NeverThrowsNeverPasses()
    {
        foreach (var (honest, manifest) in new[] { (files.TransparentInclusion, files.TransparentManifest), (VerifierFiles.ZkInclusion, VerifierFiles.ZkManifest) })
        {
            for (var i = 0; i < honest.Length; i++)
            {
                var copy = (byte[])honest.Clone();
                copy[i] ^= 0x01;
                var r = PorVerifier.VerifyInclusion(copy, manifest);

                // Flipping the case of a hex digit ('a' ^ 1 = '`' is not hex; '0' ^ 1 = '1' is a different digit) always changes
                // a bound value, except inside insignificant JSON whitespace (' ' ^ 1 is a control character: malformed).
                Assert.False(r.Passed, $"byte {i} ('{(char)honest[i]}') flipped");
            }
        }
    }

    [Fact]
    public void Json_UsesSnakeCaseCodesAndDecimalStrings()
    {
        var fail = PorVerifier.VerifyInclusion(files.TransparentInclusion, files.OtherTransparentManifest).ToJson();
        Assert.Contains("\"status\": \"failed\"", fail, StringComparison.Ordinal);
        Assert.Contains("\"failure_code\": \"round_mismatch\"", fail, StringComparison.Ordinal);
        var pass = PorVerifier.VerifyInclusion(VerifierFiles.ZkInclusion, VerifierFiles.ZkManifest).ToJson();
        Assert.Contains("\"status\": \"passed\"", pass, StringComparison.Ordinal);
        Assert.Contains("\"BTC\": \"93.75\"", pass, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"zk\"", pass, StringComparison.Ordinal);
        Assert.DoesNotContain("failure_code", pass, StringComparison.Ordinal);
    }
}
