// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Testing;

namespace Por.Liabilities.Tests.Rounds;

public sealed class RoundBuilderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(129)]
    [InlineData(4097)]
    public void Build_RootMatchesNaiveOracle_AndAuditorAndEveryCustomerVerify(int count)
    {
        using var dir = new TempDirectory();
        var accounts = TestRounds.Accounts(count);
        var bundle = TestRounds.Build(dir, accounts);
        var manifest = RoundManifestJson.Read(Path.Combine(bundle, BundleLayout.Manifest));

        var (secret, records) = PrivateIndex.Read(bundle);
        var byKey = accounts.ToDictionary(a => PrivateIndex.Key(secret, a.Id));
        var ordered = records.Select(r => (byKey[r.Key].Id, r.Salt, byKey[r.Key].Balances)).ToList();
        var expected = NaiveSumTree.Root("2026-11", TestRounds.Time.ToUnixTimeSeconds(), [.. TestRounds.Assets.Assets.Select(a => (a.Symbol, a.Decimals))], ordered);
        Assert.Equal(Convert.ToHexStringLower(expected), Convert.ToHexStringLower([.. manifest.Header.Root]));

        for (var a = 0; a < TestRounds.Assets.Count; a++)
        {
            Assert.Equal(accounts.Aggregate(BigInteger.Zero, (s, x) => s + x.Balances[a]), (BigInteger)manifest.Header.Totals[a]);
        }

        var audit = RoundVerifier.Verify(bundle, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(audit.IsValid, audit.Message);
        Assert.Equal(count, audit.LeavesChecked);
        foreach (var (id, balances) in count > 200 ? accounts.Take(70).Concat(accounts.TakeLast(70)) : accounts)
        {
            var proof = InclusionExporter.Export(bundle, id)!;
            Assert.Equal(balances.Select((v, i) => new Holding((ushort)i, v)).Where(h => h.Amount != 0), proof.Balances);
            var parsed = InclusionProofJson.Parse(InclusionProofJson.Serialize(proof), "p.json");
            var check = InclusionVerifier.Verify(parsed, manifest.Header);
            Assert.True(check.IsValid, check.Message);
        }

        Assert.Null(InclusionExporter.Export(bundle, "not-a-customer"));
    }

    [Fact]
    public void Build_PublicFiles_HoldNoRawAccountIdNorSalt()
    {
        using var dir = new TempDirectory();
        var accounts = TestRounds.Accounts(300);
        var bundle = TestRounds.Build(dir, accounts);
        var (_, records) = PrivateIndex.Read(bundle);
        foreach (var file in new[] { BundleLayout.Manifest, TransparentBundleLayout.Leaves, TransparentBundleLayout.Nodes })
        {
            var bytes = File.ReadAllBytes(Path.Combine(bundle, file));
            foreach (var (id, _) in accounts)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id + ",")) < 0 && bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"{id}\"")) < 0, $"{id} in {file}");
            }

            Assert.True(bytes.AsSpan().IndexOf("acct-"u8) < 0, $"an account id in {file}");
            foreach (var (_, salt) in records.Take(50))
            {
                Assert.True(bytes.AsSpan().IndexOf(salt) < 0, $"a salt in {file}");
            }
        }
    }

    [Fact]
    public void Build_Twice_FreshSaltsAndOrder_DifferentRoots()
    {
        using var dir = new TempDirectory();
        var accounts = TestRounds.Accounts(100);
        var a = RoundManifestJson.Read(Path.Combine(TestRounds.Build(dir, accounts, bundle: "a"), BundleLayout.Manifest));
        var b = RoundManifestJson.Read(Path.Combine(TestRounds.Build(dir, accounts, bundle: "b"), BundleLayout.Manifest));
        Assert.NotEqual(a.Header.Root, b.Header.Root);
        Assert.Equal(a.Header.Totals, b.Header.Totals);
        var saltsA = PrivateIndex.Read(dir.File("a")).Records.Select(r => Convert.ToHexString(r.Salt)).ToHashSet();
        var saltsB = PrivateIndex.Read(dir.File("b")).Records.Select(r => Convert.ToHexString(r.Salt)).ToHashSet();
        Assert.Equal(100, saltsA.Count);
        Assert.Empty(saltsA.Intersect(saltsB));
    }

    [Fact]
    public void Build_DuplicateAccount_RejectedWithBothLines_NoOutput()
    {
        using var dir = new TempDirectory();
        var csv = dir.Write("s.csv", "account_id,asset,amount\nalice,BTC,1\nbob,BTC,1\nalice,ETH,1\n");
        var output = dir.File("round");
        var e = Assert.Throws<InputException>(() => RoundBuilder.Build(new RoundBuildOptions(csv, SnapshotFormat.Auto, TestRounds.Assets, "r", TestRounds.Time, output)));
        Assert.Equal(4, e.Line);
        Assert.Contains($"{csv}:2", e.Reason, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void Build_TotalOverflow_Rejected_NoOutput()
    {
        using var dir = new TempDirectory();
        var csv = dir.Write("s.csv", "account_id,asset,amount\na,BTC,100000000000\nb,BTC,100000000000\n");
        var output = dir.File("round");
        var e = Assert.Throws<InputException>(() => RoundBuilder.Build(new RoundBuildOptions(csv, SnapshotFormat.Auto, TestRounds.Assets, "r", TestRounds.Time, output)));
        Assert.Equal((3L, "BTC"), (e.Line, e.Field));
        Assert.Contains("overflows 64-bit", e.Reason, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(dir.Path));
    }

    [Fact]
    public void Build_ExistingOutput_Refused()
    {
        using var dir = new TempDirectory();
        var bundle = TestRounds.Build(dir, TestRounds.Accounts(5));
        var csv = TestRounds.WriteCsv(dir, TestRounds.Accounts(5), "again.csv");
        Assert.Throws<IOException>(() => RoundBuilder.Build(new RoundBuildOptions(csv, SnapshotFormat.Auto, TestRounds.Assets, "r", TestRounds.Time, bundle)));
    }

    [Fact]
    public void Build_RandomSnapshots_VerifyAndTotalsExact()
    {
        var gen = Gen.Choose(1, 150).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 5).Select(z => z < 2 ? 0UL : (ulong)z * 1_000_003UL), 3).ArrayOf(n));
        Prop.ForAll(gen.ToArbitrary(), balances =>
        {
            using var dir = new TempDirectory();
            var accounts = balances.Select((b, i) => ($"p-{i}", b)).ToList();
            var bundle = TestRounds.Build(dir, accounts);
            var manifest = RoundManifestJson.Read(Path.Combine(bundle, BundleLayout.Manifest));
            var totalsOk = Enumerable.Range(0, 3).All(a => manifest.Header.Totals[a] == (ulong)accounts.Aggregate(BigInteger.Zero, (s, x) => s + x.b[a]));
            var probe = accounts[balances.Length / 2].Item1;
            var proof = InclusionExporter.Export(bundle, probe)!;
            return totalsOk && RoundVerifier.Verify(bundle).IsValid && InclusionVerifier.Verify(proof, manifest.Header).IsValid;
        }).Check(Seeded.Config(25));
    }
}
