// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Randomness;
using Por.Testing;

namespace Por.Liabilities.Tests.Zk;

/// <summary>Plan, prove, assemble (docs/distributed.md): units, encryption, the assembler's checks.</summary>
public sealed class ZkDistributedTests
{
    private static readonly ZkParameterSet s_set = ZkParameterSet.Test;

    [Fact]
    public void PlanProveAssemble_BundleVerifiesWithTheExistingVerifier()
    {
        using var dir = new TempDirectory();
        var (plan, shared, secret) = Plan(dir, 40);
        Assert.Equal(3, plan.BatchCount);
        var key = File.ReadAllBytes(Path.Combine(secret, ZkRoundPlanner.UnitKeyPath));
        for (var b = 0; b < plan.BatchCount; b++)
        {
            var (result, proven) = ZkUnitProver.ProveInDirectory(shared, plan, b, key, allowTestParameters: true);
            Assert.True(proven);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(result.Proof)), result.Sha256Hex);
            Assert.True(File.Exists(Path.Combine(shared, ZkPlanLayout.ProofDirectory, ZkPlanLayout.ProofFileName(b, result.Sha256Hex))));
        }

        // A retried shard finds its proof and proves nothing.
        Assert.False(ZkUnitProver.ProveInDirectory(shared, plan, 1, key, allowTestParameters: true).Proven);

        var output = dir.File("round");
        var built = ZkRoundAssembler.Assemble(shared, secret, output, allowTestParameters: true);
        var verified = ZkRoundBundleVerifier.Verify(output, allowTestParameters: true);
        Assert.True(verified.IsValid, verified.Message);
        Assert.Equal(built.Manifest.Header, verified.Manifest.Header, HeaderComparer.Instance);
        Assert.Equal(TestRounds.Accounts(40).Select(a => a.Balances).Aggregate(new ulong[3], (s, v) => [.. s.Zip(v, (x, y) => x + y)]), verified.Manifest.Header.Totals);
        Assert.True(File.Exists(Path.Combine(output, ZkBundleLayout.Openings)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(secret, ZkBundleLayout.Openings)), File.ReadAllBytes(Path.Combine(output, ZkBundleLayout.Openings)));

        // Nothing private is in the shared directory: no opening, no key, no amount in the clear.
        Assert.Equal(
            ["plan.json", .. Enumerable.Range(0, 3).Select(b => "units/" + ZkPlanLayout.UnitFileName(b))],
            Directory.EnumerateFiles(shared, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(shared, p).Replace('\\', '/')).Where(p => !p.StartsWith("proofs/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(secret, ZkRoundPlanner.UnitKeyPath)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(secret));
        }
    }

    [Fact]
    public void DistributedAndSingleMachine_SamePlan_SamePublicContent()
    {
        using var dir = new TempDirectory();
        var (plan, shared, secret) = Plan(dir, 40);
        var key = File.ReadAllBytes(Path.Combine(secret, ZkRoundPlanner.UnitKeyPath));
        for (var b = plan.BatchCount - 1; b >= 0; b--)
        {
            ZkUnitProver.ProveInDirectory(shared, plan, b, key, allowTestParameters: true);
        }

        var output = dir.File("round");
        var distributed = ZkRoundAssembler.Assemble(shared, secret, output, allowTestParameters: true).Manifest;

        // The single-machine path (round build) proves the same plan in order, in one process.
        var local = dir.File("local");
        var header = new ZkOpeningsHeader(plan.ParameterSetId, plan.ContextDigest, plan.BatchCount, plan.AccountsPerBatch, plan.AssetCount);
        using (var batches = new ZkOpeningsBatchList(Path.Combine(secret, ZkBundleLayout.Openings), header, null))
        {
            Assert.Equal(plan.BatchCount, ZkRoundProver.ProvePlan(
                plan, [.. distributed.Header.Totals.Select(t => (UInt128)t)], batches, local, Path.Combine(secret, ZkBundleLayout.ChainOpenings), allowTestParameters: true, progress: null));
        }

        for (var b = 0; b < plan.BatchCount; b++)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(local, ZkBundleLayout.StatementFileName(b))), File.ReadAllBytes(Path.Combine(output, ZkBundleLayout.Statement(b))));
        }

        Assert.Equal(ZkRoundAssembler.ReadPrivate(secret).Header, distributed.Header, HeaderComparer.Instance);
    }

    [Fact]
    public void FixChain_SeededSource_IsDeterministic_AndTheSeedMatters()
    {
        using var dir = new TempDirectory();
        var (plan, _, secret) = Plan(dir, 40);
        var openings = Path.Combine(secret, ZkBundleLayout.Openings);
        var header = new ZkOpeningsHeader(plan.ParameterSetId, plan.ContextDigest, plan.BatchCount, plan.AccountsPerBatch, plan.AssetCount);
        ZkRoundPlan Fix(string seed, string chain) => ZkRoundPlanner.FixChain(
            openings, header, plan.PlanId, dir.File(chain), (_, _) => [], new DeterministicRandomSource("seed-"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(seed)).ToArray()), null, CancellationToken.None).Plan;
        var a = Fix("a", "c1");
        var again = Fix("a", "c2");
        var other = Fix("b", "c3");
        Assert.Equal(ZkRoundPlanJson.Serialize(a), ZkRoundPlanJson.Serialize(again));
        Assert.Equal(Directory.GetFiles(dir.File("c1")).Select(File.ReadAllBytes), Directory.GetFiles(dir.File("c2")).Select(File.ReadAllBytes));
        Assert.NotEqual(a.Batches[0].ChainOut, other.Batches[0].ChainOut);

        // The roots are the leaves', whatever the blindings; the running totals are the same, only hidden differently.
        Assert.Equal(a.Batches.Select(b => b.Root), other.Batches.Select(b => b.Root));
        Assert.Equal(plan.Batches.Select(b => b.Root), a.Batches.Select(b => b.Root));
    }

    [Fact]
    public void PlanJson_RoundTripsAndIsStrict()
    {
        using var dir = new TempDirectory();
        var (plan, shared, _) = Plan(dir, 40);
        var path = Path.Combine(shared, ZkPlanLayout.PlanFile);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(bytes, ZkRoundPlanJson.Serialize(ZkRoundPlanJson.Parse(bytes, path)));
        Assert.Empty(plan.Batches[^1].ChainOut);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var wrongSet = Assert.Throws<InputException>(() => ZkRoundPlanJson.Parse(System.Text.Encoding.UTF8.GetBytes(text.Replace("\"accounts_per_batch\": 16", "\"accounts_per_batch\": 32", StringComparison.Ordinal)), path));
        Assert.Equal("accounts_per_batch", wrongSet.Field);
        var extra = Assert.Throws<InputException>(() => ZkRoundPlanJson.Parse(System.Text.Encoding.UTF8.GetBytes(text.Replace("\"batch_count\"", "\"x\": 1, \"batch_count\"", StringComparison.Ordinal)), path));
        Assert.Equal("x", extra.Field);
    }

    [Fact]
    public void UnitCipher_RejectsTamperedCiphertextHeaderOtherBatchKeyAndOtherPlan()
    {
        using var dir = new TempDirectory();
        var (plan, shared, secret) = Plan(dir, 40);
        var key = File.ReadAllBytes(Path.Combine(secret, ZkRoundPlanner.UnitKeyPath));
        var sealed0 = File.ReadAllBytes(Path.Combine(shared, ZkPlanLayout.UnitDirectory, ZkPlanLayout.UnitFileName(0)));
        var unit = ZkUnitCipher.Open(sealed0, key, plan.PlanId, 0, plan.BatchCount);
        Assert.Equal(0, unit.BatchIndex);
        Assert.Equal(plan.AccountsPerBatch, unit.Accounts.Count);

        // Ciphertext, nonce and tag are authenticated.
        foreach (var at in new[] { sealed0.Length - 1, ZkUnitCipher.HeaderLength, ZkUnitCipher.HeaderLength + 12 })
        {
            var bad = (byte[])sealed0.Clone();
            bad[at] ^= 1;
            Assert.Equal(ZkUnitFailure.AuthenticationFailed, Assert.Throws<ZkUnitException>(() => ZkUnitCipher.Open(bad, key, plan.PlanId, 0, plan.BatchCount)).Reason);
        }

        // The header is associated data: relabelled as batch 1, it fails even with batch 0's own key.
        var relabelled = (byte[])sealed0.Clone();
        relabelled[8 + ZkRoundPlan.PlanIdLength] = 1;
        var key0 = ZkUnitCipher.BatchKey(key, plan.PlanId, 0);
        Assert.Equal(ZkUnitFailure.AuthenticationFailed, Assert.Throws<ZkUnitException>(() => ZkUnitCipher.OpenWithBatchKey(relabelled, key0, plan.PlanId, 1, plan.BatchCount)).Reason);
        Assert.Equal(ZkUnitFailure.OtherBatch, Assert.Throws<ZkUnitException>(() => ZkUnitCipher.Open(sealed0, key, plan.PlanId, 1, plan.BatchCount)).Reason);

        // Another batch's key, another round's key, another plan.
        var key1 = ZkUnitCipher.BatchKey(key, plan.PlanId, 1);
        Assert.Equal(ZkUnitFailure.AuthenticationFailed, Assert.Throws<ZkUnitException>(() => ZkUnitCipher.OpenWithBatchKey(sealed0, key1, plan.PlanId, 0, plan.BatchCount)).Reason);
        Assert.Equal(ZkUnitFailure.AuthenticationFailed, Assert.Throws<ZkUnitException>(() => ZkUnitCipher.Open(sealed0, ZkUnitCipher.NewRoundKey(), plan.PlanId, 0, plan.BatchCount)).Reason);
        Assert.Equal(ZkUnitFailure.OtherPlan, Assert.Throws<ZkUnitException>(() => ZkUnitCipher.Open(sealed0, key, new byte[16], 0, plan.BatchCount)).Reason);

        // The unit on disk is not the plaintext: no salt, id or amount appears in it.
        Assert.Equal(-1, sealed0.AsSpan().IndexOf(unit.ToBytes().AsSpan(^64)));

        // A unit file that is not the listed one is refused before decryption.
        File.WriteAllBytes(Path.Combine(shared, ZkPlanLayout.UnitDirectory, ZkPlanLayout.UnitFileName(0)), ZkUnitCipher.Seal(unit, key));
        Assert.Equal(ZkUnitFailure.HashMismatch, Assert.Throws<ZkUnitException>(() => ZkUnitProver.ProveInDirectory(shared, plan, 0, key, allowTestParameters: true)).Reason);
    }

    [Fact]
    public void UnitProver_RefusesAUnitThatDoesNotMatchThePlan()
    {
        using var dir = new TempDirectory();
        var (plan, shared, secret) = Plan(dir, 40);
        var key = File.ReadAllBytes(Path.Combine(secret, ZkRoundPlanner.UnitKeyPath));
        var unit = ZkUnitCipher.Open(File.ReadAllBytes(Path.Combine(shared, ZkPlanLayout.UnitDirectory, ZkPlanLayout.UnitFileName(1))), key, plan.PlanId, 1, plan.BatchCount);

        // A planned K_b the unit's outgoing opening does not open.
        var otherOut = plan with { Batches = [.. plan.Batches.Select(b => b.Index == 1 ? b with { ChainOut = plan.Batches[0].ChainOut } : b)] };
        Assert.Equal(ZkUnitFailure.DoesNotMatchPlan, Assert.Throws<ZkUnitException>(() => ZkUnitProver.Check(otherOut, unit, allowTestParameters: true)).Reason);

        // A planned K_{b−1} the incoming opening does not open.
        var otherIn = plan with { Batches = [.. plan.Batches.Select(b => b.Index == 0 ? b with { ChainOut = plan.Batches[1].ChainOut } : b)] };
        Assert.Equal(ZkUnitFailure.DoesNotMatchPlan, Assert.Throws<ZkUnitException>(() => ZkUnitProver.Check(otherIn, unit, allowTestParameters: true)).Reason);

        // Leaves swapped (another root), and an outgoing total that is not the batch's sum.
        var swapped = unit with { Accounts = [unit.Accounts[1], unit.Accounts[0], .. unit.Accounts.Skip(2)] };
        Assert.Equal(ZkUnitFailure.DoesNotMatchPlan, Assert.Throws<ZkUnitException>(() => ZkUnitProver.Check(plan, swapped, allowTestParameters: true)).Reason);
        var richer = unit with { Accounts = [.. unit.Accounts.Select((a, i) => i == 0 ? a with { Holdings = [new Holding(0, 1)] } : a)] };
        Assert.Throws<ZkUnitException>(() => ZkUnitProver.Check(plan, richer, allowTestParameters: true));

        // The test set is refused unless allowed.
        Assert.Throws<ZkUnitException>(() => ZkUnitProver.Check(plan, unit));
    }

    [Fact]
    public void Assemble_RejectsCorruptedOtherBatchOtherSetAndMissingProofs_ByBatchIndex_AndWritesNothing()
    {
        using var dir = new TempDirectory();
        var (plan, shared, secret) = Plan(dir, 40);
        var key = File.ReadAllBytes(Path.Combine(secret, ZkRoundPlanner.UnitKeyPath));
        var proofs = Enumerable.Range(0, plan.BatchCount).Select(b => ZkUnitProver.ProveInDirectory(shared, plan, b, key, allowTestParameters: true).Result.Proof).ToArray();
        var output = dir.File("round");

        // A proof of another parameter set: the same snapshot planned under pol-v1-n8 (one batch).
        var (otherPlan, otherShared, otherSecret) = Plan(dir, 40, ZkParameterSet.Small, "n8");
        var otherProof = ZkUnitProver.ProveInDirectory(otherShared, otherPlan, 0, File.ReadAllBytes(Path.Combine(otherSecret, ZkRoundPlanner.UnitKeyPath))).Result.Proof;

        var corrupted = (byte[])proofs[2].Clone();
        corrupted[corrupted.Length / 2] ^= 1;
        var cases = new (string Name, Func<int, IEnumerable<byte[]>> Proofs, int Batch, ZkAssemblyFailure Reason)[]
        {
            ("corrupted", b => [b == 2 ? corrupted : proofs[b]], 2, ZkAssemblyFailure.InvalidProof),
            ("another batch's", b => [b == 1 ? proofs[0] : proofs[b]], 1, ZkAssemblyFailure.InvalidProof),
            ("another set's", b => [b == 0 ? otherProof : proofs[b]], 0, ZkAssemblyFailure.InvalidProof),
            ("missing", b => b == 1 ? [] : [proofs[b]], 1, ZkAssemblyFailure.MissingProof),
        };
        foreach (var (name, offered, batch, reason) in cases)
        {
            var e = Assert.Throws<ZkAssemblyException>(() => ZkRoundAssembler.Assemble(secret, offered, output, allowTestParameters: true));
            var rejection = Assert.Single(e.Rejections);
            Assert.True(rejection.BatchIndex == batch && rejection.Reason == reason, $"{name}: {rejection}");
            Assert.False(Directory.Exists(output), name);
            Assert.False(Directory.Exists(ZkRoundBuilder.PartialPath(output)), name);
        }

        // A bad proof beside a good one: the good one is taken.
        var mixed = ZkRoundAssembler.Assemble(secret, b => [corrupted, proofs[b]], output, allowTestParameters: true);
        Assert.True(ZkRoundBundleVerifier.Verify(output, allowTestParameters: true).IsValid);
        Assert.Equal(plan.BatchCount, mixed.BatchesProven);
    }

    [Fact]
    public void Assemble_FromDirectory_IgnoresAProofWhoseNameIsNotItsHash_AndTrustsOnlyThePrivatePlan()
    {
        using var dir = new TempDirectory();
        var (plan, shared, secret) = Plan(dir, 20);
        var key = File.ReadAllBytes(Path.Combine(secret, ZkRoundPlanner.UnitKeyPath));
        var result = ZkUnitProver.ProveInDirectory(shared, plan, 1, key, allowTestParameters: true).Result;
        ZkUnitProver.ProveInDirectory(shared, plan, 0, key, allowTestParameters: true);
        var proofDir = Path.Combine(shared, ZkPlanLayout.ProofDirectory);
        var named = Path.Combine(proofDir, ZkPlanLayout.ProofFileName(1, result.Sha256Hex));
        File.Move(named, Path.Combine(proofDir, ZkPlanLayout.ProofFileName(1, new string('0', 64))));
        var e = Assert.Throws<ZkAssemblyException>(() => ZkRoundAssembler.Assemble(shared, secret, dir.File("round"), allowTestParameters: true));
        Assert.Equal(1, Assert.Single(e.Rejections).BatchIndex);

        // The shared plan.json is not what the assembler checks against: altering it changes nothing.
        File.Move(Path.Combine(proofDir, ZkPlanLayout.ProofFileName(1, new string('0', 64))), named);
        File.WriteAllText(Path.Combine(shared, ZkPlanLayout.PlanFile), "{}");
        Assert.True(ZkRoundBundleVerifier.Verify(ZkRoundAssembler.Assemble(shared, secret, dir.File("round"), allowTestParameters: true) is { } ? dir.File("round") : "", allowTestParameters: true).IsValid);

        // A private chain opening that does not open the planned K_b is caught before anything is checked.
        var chain0 = Path.Combine(secret, ZkBundleLayout.ChainOpenings, ZkRoundProver.OpeningFile(0));
        var opening = ZkChainOpening.TryParse(File.ReadAllBytes(chain0), out var o) ? o : throw new InvalidOperationException();
        File.WriteAllBytes(chain0, ZkChainOpening.Random(opening.Totals).ToBytes());
        Assert.Throws<InputException>(() => ZkRoundAssembler.Assemble(shared, secret, dir.File("round2"), allowTestParameters: true));
    }

    [Fact]
    public void Plan_BadInput_LeavesNothing()
    {
        using var dir = new TempDirectory();
        var csv = dir.File("bad.csv");
        File.WriteAllText(csv, "account_id,asset,amount\nalice,BTC,1\nalice,BTC,2\n");
        var options = new RoundBuildOptions(csv, SnapshotFormat.Auto, TestRounds.Assets, "2026-11", TestRounds.Time, dir.File("unused"));
        Assert.Throws<InputException>(() => ZkRoundPlanner.Plan(options, s_set, dir.File("plan"), dir.File("private"), allowTestParameters: true));
        Assert.False(Directory.Exists(dir.File("plan")));
        Assert.False(Directory.Exists(dir.File("private")));
        Assert.Throws<InputException>(() => ZkRoundPlanner.Plan(options, s_set, dir.File("plan"), dir.File("plan/private"), allowTestParameters: true));
    }

    internal static (ZkRoundPlan Plan, string Shared, string Secret) Plan(TempDirectory dir, int accounts, ZkParameterSet? set = null, string name = "p")
    {
        var csv = TestRounds.WriteCsv(dir, TestRounds.Accounts(accounts), $"{name}.csv");
        var shared = dir.File($"{name}-plan");
        var secret = dir.File($"{name}-private");
        var options = new RoundBuildOptions(csv, SnapshotFormat.Auto, TestRounds.Assets, "2026-11", TestRounds.Time, dir.File("unused"));
        var plan = ZkRoundPlanner.Plan(options, set ?? s_set, shared, secret, allowTestParameters: true);
        return (plan, shared, secret);
    }

    private sealed class HeaderComparer : IEqualityComparer<ZkRoundHeader>
    {
        public static readonly HeaderComparer Instance = new();

        public bool Equals(ZkRoundHeader? x, ZkRoundHeader? y) => x is not null && y is not null
            && ZkRoundManifestJson.Serialize(new ZkRoundManifest(x, "", [])).AsSpan().SequenceEqual(ZkRoundManifestJson.Serialize(new ZkRoundManifest(y, "", [])));

        public int GetHashCode(ZkRoundHeader obj) => 0;
    }
}
