// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Stark.Proving;

namespace Por.Liabilities.Zk;

/// <summary>
/// Assembles a planned round (docs/distributed.md "Assemble"): checks every returned proof against the statement the
/// operator's own copy of the plan fixes (parameter set, context, position, R_b, K_{b−1}, K_b, totals; never what a
/// proof or a worker claims), rejects the batches without a valid proof by index, and only when every batch holds
/// writes the bundle exactly as <c>round build</c> does (same files, same manifest, atomically).
/// </summary>
public static class ZkRoundAssembler
{
    /// <summary>Checks one returned proof of batch b against the plan.</summary>
    /// <param name="plan">The operator's plan.</param>
    /// <param name="batchIndex">b.</param>
    /// <param name="proof">The proof bytes.</param>
    /// <param name="totals">The round totals (the last batch's statement publishes them).</param>
    /// <param name="allowTestParameters">Accept test-only sets and test-mode proofs (tests only).</param>
    /// <returns>The engine's verdict.</returns>
    public static VerificationResult CheckProof(ZkRoundPlan plan, int batchIndex, ReadOnlySpan<byte> proof, IReadOnlyList<UInt128> totals, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ZkBatchVerifier.Verify(plan.Statement(batchIndex, totals), proof, allowTestParameters);
    }

    /// <summary>Batch b's first proof in a shared directory whose name matches its SHA-256 and that verifies against <paramref name="statement"/>.</summary>
    /// <param name="planDirectory">The shared directory.</param>
    /// <param name="statement">The planned statement.</param>
    /// <param name="allowTestParameters">Accept test-only sets.</param>
    /// <returns>The proof, or null.</returns>
    public static ZkBatchResult? FindProof(string planDirectory, ZkBatchStatement statement, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(statement);
        foreach (var (proof, hash) in Candidates(planDirectory, statement.BatchIndex))
        {
            if (hash is not null && ZkBatchVerifier.Verify(statement, proof, allowTestParameters).IsValid)
            {
                return new ZkBatchResult(statement.BatchIndex, proof, hash);
            }
        }

        return null;
    }

    /// <summary>Assembles from a shared directory's returned proofs (static shards).</summary>
    /// <param name="planDirectory">The shared directory (only its proofs/ is read).</param>
    /// <param name="privateDirectory">The operator's private directory from the plan.</param>
    /// <param name="outputDirectory">The bundle directory to create.</param>
    /// <param name="allowTestParameters">Tests only.</param>
    /// <param name="progress">Progress; may be null.</param>
    /// <returns>The manifest (every batch counted as proven).</returns>
    /// <exception cref="ZkAssemblyException">Some batches have no valid proof; nothing is written.</exception>
    public static ZkRoundBuildResult Assemble(string planDirectory, string privateDirectory, string outputDirectory, bool allowTestParameters = false, IProgress<WorkProgress>? progress = null) =>
        Assemble(privateDirectory, b => Candidates(planDirectory, b).Where(c => c.Hash is not null).Select(c => c.Proof), outputDirectory, allowTestParameters, progress);

    /// <summary>Assembles from proofs supplied by the caller (a coordinator's store).</summary>
    /// <param name="privateDirectory">The operator's private directory from the plan.</param>
    /// <param name="proofsOf">The returned proofs of batch b (the first that verifies is taken).</param>
    /// <param name="outputDirectory">The bundle directory to create.</param>
    /// <param name="allowTestParameters">Tests only.</param>
    /// <param name="progress">Progress; may be null.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ZkAssemblyException">Some batches have no valid proof; nothing is written.</exception>
    /// <exception cref="InputException">The private directory is not a plan's, or its files contradict each other.</exception>
    public static ZkRoundBuildResult Assemble(
        string privateDirectory, Func<int, IEnumerable<byte[]>> proofsOf, string outputDirectory, bool allowTestParameters = false, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(proofsOf);
        var (plan, header) = ReadPrivate(privateDirectory);
        var output = Path.GetFullPath(outputDirectory);
        using var outputLock = OutputLock.Acquire(outputDirectory);
        if (Directory.Exists(output) || File.Exists(output))
        {
            throw new IOException($"{outputDirectory} already exists; choose a new output directory");
        }

        var work = ZkRoundBuilder.PartialPath(output);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        try
        {
            const string Stage = "checking returned proofs";
            var totals = header.Totals.Select(t => (UInt128)t).ToArray();
            var rejections = new List<ZkBatchRejection>();
            Directory.CreateDirectory(Path.Combine(work, ZkBundleLayout.BatchDirectory));
            for (var b = 0; b < plan.BatchCount; b++)
            {
                progress?.Report(new WorkProgress(Stage, b, plan.BatchCount));
                var statement = plan.Statement(b, totals);
                byte[]? accepted = null;
                var seen = 0;
                string? why = null;
                foreach (var proof in proofsOf(b))
                {
                    seen++;
                    var check = ZkBatchVerifier.Verify(statement, proof, allowTestParameters);
                    if (check.IsValid)
                    {
                        accepted = proof;
                        break;
                    }

                    why ??= check.Message;
                }

                if (accepted is null)
                {
                    rejections.Add(seen == 0
                        ? new ZkBatchRejection(b, ZkAssemblyFailure.MissingProof, Text(b, "has no proof"))
                        : new ZkBatchRejection(b, ZkAssemblyFailure.InvalidProof, Text(b, $"has no proof that verifies against the plan ({seen} returned; first failure: {why})")));
                    continue;
                }

                AtomicFile.WriteAllBytes(Path.Combine(work, ZkBundleLayout.Proof(b)), accepted);
                AtomicFile.WriteAllBytes(Path.Combine(work, ZkBundleLayout.Statement(b)), statement.ToBytes());
            }

            if (rejections.Count > 0)
            {
                throw new ZkAssemblyException(rejections);
            }

            progress?.Report(new WorkProgress(Stage, plan.BatchCount, plan.BatchCount));
            progress?.Report(new WorkProgress("writing manifest", 0, 0));
            PrivateFiles.CreateDirectory(Path.Combine(work, ZkBundleLayout.PrivateDirectory));
            CopyPrivate(Path.Combine(privateDirectory, ZkBundleLayout.Openings), Path.Combine(work, ZkBundleLayout.Openings));
            PrivateFiles.CreateDirectory(Path.Combine(work, ZkBundleLayout.ChainOpenings));
            for (var b = 0; b < plan.BatchCount; b++)
            {
                var name = ZkRoundProver.OpeningFile(b);
                CopyPrivate(Path.Combine(privateDirectory, ZkBundleLayout.ChainOpenings, name), Path.Combine(work, ZkBundleLayout.ChainOpenings, name));
            }

            var files = ZkBundleLayout.PublicFiles(plan.BatchCount).Select(p =>
            {
                var path = Path.Combine(work, p);
                return new BundleFile(p, FileHashing.Sha256Hex(path), new FileInfo(path).Length);
            }).ToList();
            var manifest = new ZkRoundManifest(header, ToolInfo.Version, files);
            AtomicFile.WriteAllBytes(Path.Combine(work, BundleLayout.Manifest), ZkRoundManifestJson.Serialize(manifest));
            Directory.Move(work, output);
            return new ZkRoundBuildResult(manifest, plan.BatchCount, 0);
        }
        catch
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            throw;
        }
    }

    /// <summary>
    /// Reads the operator's plan copy and header and checks they agree with each other and with the private chain
    /// openings: the context digest is the header's, the batch roots fold to its tree root, its root recomputes, every
    /// planned K_b is the commitment of the private opening (S_b, r_b), and the last opening's totals are the header's.
    /// </summary>
    /// <param name="privateDirectory">The operator's private directory.</param>
    /// <returns>The plan and the header to publish.</returns>
    /// <exception cref="InputException">A file is missing, malformed, or contradicts another.</exception>
    public static (ZkRoundPlan Plan, ZkRoundHeader Header) ReadPrivate(string privateDirectory)
    {
        var planPath = Path.Combine(privateDirectory, ZkRoundPlanner.PlanCopyPath);
        var plan = ZkRoundPlanJson.Read(planPath);
        var headerPath = Path.Combine(privateDirectory, ZkRoundPlanner.HeaderPath);
        if (!File.Exists(headerPath))
        {
            throw new InputException(headerPath, 0, "", "missing: this is not the private directory of a plan");
        }

        var header = ZkRoundManifestJson.Read(headerPath).Header;
        var consistent = string.Equals(header.ParameterSetId, plan.ParameterSetId, StringComparison.Ordinal) && header.BatchCount == plan.BatchCount
            && header.Totals.Count == plan.AssetCount && header.ContextDigest.AsSpan().SequenceEqual(plan.ContextDigest)
            && ZkRoundTree.Root([.. plan.Batches.Select(b => b.Root)]).SequenceEqual(header.TreeRoot) && header.ComputeRoot().AsSpan().SequenceEqual([.. header.Root]);
        if (!consistent)
        {
            throw new InputException(planPath, 0, "", "the plan and the header in the private directory do not belong together");
        }

        for (var b = 0; b < plan.BatchCount; b++)
        {
            var path = Path.Combine(privateDirectory, ZkBundleLayout.ChainOpenings, ZkRoundProver.OpeningFile(b));
            if (!File.Exists(path) || !ZkChainOpening.TryParse(File.ReadAllBytes(path), out var opening) || opening.Totals.Length != plan.AssetCount)
            {
                throw new InputException(path, 0, "", "missing or malformed chain opening");
            }

            var matches = b == plan.BatchCount - 1
                ? opening.Totals.SequenceEqual(header.Totals.Select(t => (UInt128)t))
                : opening.Commit().AsSpan().SequenceEqual(plan.Batches[b].ChainOut);
            if (!matches)
            {
                throw new InputException(path, 0, "", string.Create(CultureInfo.InvariantCulture, $"the chain opening of batch {b} does not match the plan"));
            }
        }

        return (plan, header);
    }

    private static IEnumerable<(byte[] Proof, string? Hash)> Candidates(string planDirectory, int batchIndex)
    {
        var directory = Path.Combine(planDirectory, ZkPlanLayout.ProofDirectory);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(directory, ZkPlanLayout.ProofPattern(batchIndex)).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));

            // Content-addressed: a file whose bytes do not hash to its name is damaged (or renamed) and is not offered.
            var named = string.Equals(Path.GetFileName(path), ZkPlanLayout.ProofFileName(batchIndex, hash), StringComparison.Ordinal);
            yield return (bytes, named ? hash : null);
        }
    }

    private static void CopyPrivate(string from, string to)
    {
        using var source = File.OpenRead(from);
        AtomicFile.Write(to, s => source.CopyTo(s), privateFile: true, overwrite: false);
    }

    private static string Text(int b, string what) => string.Create(CultureInfo.InvariantCulture, $"batch {b} {what}");
}
