// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Stark.Field;
using Por.Stark.Randomness;

namespace Por.Liabilities.Zk;

/// <summary>
/// Plans a round for distributed proving (docs/distributed.md): the streaming passes of <see cref="ZkRoundBuilder"/>
/// (every check, placement, salts, private openings), then every chain opening fixed up front (S_b the running total
/// after batch b, r_b from the OS CSPRNG), one encrypted work unit per batch, and the plan file.
/// </summary>
/// <remarks>
/// Writes the shared directory (plan.json, units/, an empty proofs/) and the operator's private directory (0700:
/// <c>private/zk-openings.bin</c>, <c>private/chain/</c>, <c>private/unit.key</c>, <c>private/header.json</c>,
/// <c>private/plan.json</c>). Both
/// must not exist; on any failure both are removed again, so there is no partial output.
/// </remarks>
public static class ZkRoundPlanner
{
    /// <summary>The round key file inside the private directory.</summary>
    public const string UnitKeyPath = "private/" + ZkPlanLayout.UnitKey;

    /// <summary>The header to publish, inside the private directory (a zk manifest with no files).</summary>
    public const string HeaderPath = "private/" + ZkPlanLayout.Header;

    /// <summary>The operator's copy of the plan inside the private directory: the assembler trusts this one, not the shared one.</summary>
    public const string PlanCopyPath = "private/" + ZkPlanLayout.PlanFile;

    /// <summary>Plans a round.</summary>
    /// <param name="options">Snapshot, assets, round id, time (its <see cref="RoundBuildOptions.OutputDirectory"/> is not used).</param>
    /// <param name="parameters">A pinned set, or null to choose as <c>round build</c> does.</param>
    /// <param name="planDirectory">The shared directory to create.</param>
    /// <param name="privateDirectory">The operator's private directory to create.</param>
    /// <param name="allowTestParameters">Accept a test-only set (tests only).</param>
    /// <param name="progress">Progress; may be null.</param>
    /// <param name="random">Null for the OS CSPRNG (always in production); a seeded source in tests fixes the chain blindings.</param>
    /// <param name="cancellationToken">Cancels; nothing is left behind.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="InputException">Bad input (as <c>round build</c>).</exception>
    /// <exception cref="IOException">A directory exists already.</exception>
    public static ZkRoundPlan Plan(
        RoundBuildOptions options, ZkParameterSet? parameters, string planDirectory, string privateDirectory, bool allowTestParameters = false,
        IProgress<WorkProgress>? progress = null, IRandomSource? random = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RoundIds.Validate(options.RoundId) is { } idError)
        {
            throw new InputException("--round-id", 0, "", idError);
        }

        if (parameters is not null && (ZkParameterSet.Find(parameters.Id) != parameters || (parameters.IsTestOnly && !allowTestParameters)))
        {
            throw new ArgumentException($"parameter set '{parameters.Id}' is not pinned or is for tests only", nameof(parameters));
        }

        var shared = Path.GetFullPath(planDirectory);
        var secret = Path.GetFullPath(privateDirectory);
        if (string.Equals(shared, secret, StringComparison.Ordinal) || secret.StartsWith(shared + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InputException("--private", 0, "", "the private directory must not be the plan directory or inside it (the plan directory is shared with workers)");
        }

        foreach (var (path, option) in new[] { (shared, "--plan"), (secret, "--private") })
        {
            if (Directory.Exists(path) || File.Exists(path))
            {
                throw new IOException($"{path} already exists; choose a new directory ({option})");
            }
        }

        try
        {
            PrivateFiles.CreateDirectory(secret);
            var prepared = ZkRoundBuilder.Prepare(options, parameters, secret, progress, null, cancellationToken);
            var roundKey = ZkUnitCipher.NewRoundKey();
            AtomicFile.WritePrivate(Path.Combine(secret, UnitKeyPath), roundKey);
            Directory.CreateDirectory(Path.Combine(shared, ZkPlanLayout.UnitDirectory));
            Directory.CreateDirectory(Path.Combine(shared, ZkPlanLayout.ProofDirectory));
            var planId = RandomNumberGenerator.GetBytes(ZkRoundPlan.PlanIdLength);
            var (plan, totals) = FixChain(
                Path.Combine(secret, ZkBundleLayout.Openings), prepared.Openings, planId, Path.Combine(secret, ZkBundleLayout.ChainOpenings),
                (b, unit) => WriteUnit(shared, b, ZkUnitCipher.Seal(unit, roundKey)), random, progress, cancellationToken);
            if (!totals.SequenceEqual(prepared.Totals.Select(t => (UInt128)t)))
            {
                throw new InvalidOperationException("internal error: the planned totals differ from the snapshot totals");
            }

            var header = Header(options, prepared, plan);
            AtomicFile.WritePrivate(Path.Combine(secret, HeaderPath), ZkRoundManifestJson.Serialize(new ZkRoundManifest(header, ToolInfo.Version, [])));
            var planBytes = ZkRoundPlanJson.Serialize(plan);
            AtomicFile.WritePrivate(Path.Combine(secret, PlanCopyPath), planBytes);
            AtomicFile.WriteAllBytes(Path.Combine(shared, ZkPlanLayout.PlanFile), planBytes);
            return plan;
        }
        catch
        {
            foreach (var path in new[] { shared, secret })
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }

            throw;
        }
    }

    /// <summary>The header a round of this plan publishes (round root over the planned batch roots).</summary>
    internal static ZkRoundHeader Header(RoundBuildOptions options, ZkRoundBuilder.Prepared prepared, ZkRoundPlan plan)
    {
        var treeRoot = ZkRoundTree.Root([.. plan.Batches.Select(b => b.Root)]);
        var root = ZkRoundRoot.Compute(prepared.Context, plan.ParameterSetId, plan.BatchCount, prepared.Totals, treeRoot);
        return new ZkRoundHeader(options.RoundId, prepared.Time, options.Assets, prepared.Totals, plan.ParameterSetId, plan.BatchCount, treeRoot, root);
    }

    /// <summary>
    /// Fixes every chain opening from the private openings: S_b = S_{b−1} + batch b's sums (checked, ≤ 2^88 − 1), r_b
    /// fresh; writes each (S_b, r_b) privately to <paramref name="chainDirectory"/>; hands each batch's work unit to
    /// <paramref name="unitSink"/> (which returns the SHA-256 of what it stored, or an empty array when it stores
    /// nothing); computes each batch root R_b.
    /// </summary>
    /// <returns>The plan and the round totals S_{B−1}.</returns>
    internal static (ZkRoundPlan Plan, UInt128[] Totals) FixChain(
        string openingsPath, ZkOpeningsHeader header, byte[] planId, string chainDirectory, Func<int, ZkWorkUnit, byte[]> unitSink,
        IRandomSource? random, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        const string Stage = "fixing chain openings and writing work units";
        PrivateFiles.CreateDirectory(chainDirectory);
        var batches = new List<ZkPlannedBatch>(header.BatchCount);
        var incoming = ZkChainOpening.Zero(header.AssetCount);
        using var reader = new ZkOpeningsReader(openingsPath);
        for (var b = 0; b < header.BatchCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress(Stage, b, header.BatchCount));
            ZkAccount[] accounts = [.. reader.ReadBatch(commit: true).Select(o => o.ToAccount())];
            var sums = (UInt128[])incoming.Totals.Clone();
            foreach (var account in accounts)
            {
                foreach (var h in account.Holdings)
                {
                    sums[h.Asset] = checked(sums[h.Asset] + h.Amount);
                    if (sums[h.Asset] > ZkBatchStatement.MaxTotal)
                    {
                        throw new InvalidOperationException("a running total exceeds 2^88 − 1");
                    }
                }
            }

            var outgoing = ZkChainOpening.Random(sums, random);
            AtomicFile.WritePrivate(Path.Combine(chainDirectory, ZkRoundProver.OpeningFile(b)), outgoing.ToBytes());
            var unit = new ZkWorkUnit(planId, header.ParameterSetId, header.ContextDigest, b, header.BatchCount, incoming, outgoing, accounts);
            var unitHash = unitSink(b, unit);
            var isFinal = b == header.BatchCount - 1;
            batches.Add(new ZkPlannedBatch(b, unitHash, BatchRoot(accounts), isFinal ? [] : outgoing.Commit()));
            incoming = outgoing;
        }

        reader.ReadFooter();
        progress?.Report(new WorkProgress(Stage, header.BatchCount, header.BatchCount));
        var plan = new ZkRoundPlan(planId, header.ParameterSetId, header.ContextDigest, header.BatchCount, header.AccountsPerBatch, header.AssetCount, batches);
        return (plan, incoming.Totals);
    }

    /// <summary>R_b: the Poseidon2 Merkle root over the leaves in order (N a power of two).</summary>
    /// <param name="accounts">The N leaves.</param>
    /// <returns>4 elements.</returns>
    public static Goldilocks[] BatchRoot(IReadOnlyList<ZkAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var level = accounts.Select(a => ZkAccountEncoding.Leaf(a.IdCommitment, a.Holdings)).ToArray();
        while (level.Length > 1)
        {
            var next = new Goldilocks[level.Length / 2][];
            for (var i = 0; i < next.Length; i++)
            {
                next[i] = ZkAccountEncoding.Node(level[2 * i], level[(2 * i) + 1]);
            }

            level = next;
        }

        return level[0];
    }

    private static byte[] WriteUnit(string shared, int b, byte[] sealedUnit)
    {
        AtomicFile.WriteAllBytes(Path.Combine(shared, ZkPlanLayout.UnitDirectory, ZkPlanLayout.UnitFileName(b)), sealedUnit);
        return SHA256.HashData(sealedUnit);
    }
}
