// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Zk;

/// <summary>
/// The auditor's check of a zk round bundle: the manifest lists exactly the B batch proofs and statements (no private
/// file), each with matching size and SHA-256; the parameter set is looked up by id among the pinned sets (test-only
/// sets only when explicitly allowed); the published root must commit to the manifest's round fields and tree root
/// (<see cref="ZkRoundRoot"/>); the round context digest is recomputed from the manifest; then
/// <see cref="ZkRoundVerifier"/> checks every batch proof, every position, the totals and the tree root.
/// </summary>
public static class ZkRoundBundleVerifier
{
    /// <summary>Verifies the bundle in <paramref name="directory"/>.</summary>
    /// <param name="directory">The bundle directory.</param>
    /// <param name="allowTestParameters">Accept a test-only parameter set (tests only).</param>
    /// <param name="progress">Told of the file check and of every batch verified (<see cref="ZkRoundVerifier.VerifyingStage"/>); null for none.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="InputException">The manifest is missing or malformed (names the field), or names an unknown parameter set.</exception>
    public static ZkRoundVerification Verify(string directory, bool allowTestParameters = false, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var manifest = ZkRoundManifestJson.Read(Path.Combine(directory, BundleLayout.Manifest));
        var header = manifest.Header;
        var parameters = ZkParameterSet.Find(header.ParameterSetId)!;
        if (parameters.IsTestOnly && !allowTestParameters)
        {
            return new ZkRoundVerification(BundleFailure.TestParametersRefused, $"parameter set '{parameters.Id}' is for tests only (below production security); refused", manifest, 0);
        }

        progress?.Report(new WorkProgress("checking bundle files", 0, 0));
        if (CheckFiles(directory, manifest) is { } fileFailure)
        {
            return new ZkRoundVerification(fileFailure.Failure, fileFailure.Message, manifest, 0);
        }

        if (!header.IsRootBound)
        {
            return new ZkRoundVerification(BundleFailure.RootNotBound, "root does not commit to the manifest's round fields (round id, snapshot time, assets, totals, parameter set, batch count, tree root)", manifest, 0);
        }

        var statements = new ZkBatchStatement[header.BatchCount];
        var proofs = new byte[header.BatchCount][];
        for (var b = 0; b < header.BatchCount; b++)
        {
            if (!ZkBatchStatement.TryParse(File.ReadAllBytes(Path.Combine(directory, ZkBundleLayout.Statement(b))), out var statement))
            {
                return new ZkRoundVerification(BundleFailure.StatementMalformed, $"{ZkBundleLayout.Statement(b)}: malformed statement", manifest, 0);
            }

            statements[b] = statement;
            proofs[b] = File.ReadAllBytes(Path.Combine(directory, ZkBundleLayout.Proof(b)));
        }

        var failure = ZkRoundVerifier.Verify(
            header.ParameterSetId, header.ContextDigest, header.TreeRoot, [.. header.Totals.Select(t => (UInt128)t)], statements, proofs, allowTestParameters, progress);
        return failure is { } f
            ? new ZkRoundVerification(f.Failure, f.Message, manifest, 0)
            : new ZkRoundVerification(BundleFailure.None, "", manifest, header.BatchCount) { Liabilities = Verified(manifest, header.BatchCount) };
    }

    private static (BundleFailure Failure, string Message)? CheckFiles(string directory, ZkRoundManifest manifest)
    {
        var required = ZkBundleLayout.PublicFiles(manifest.Header.BatchCount).ToList();
        var listed = manifest.Files.Select(f => f.Path).ToList();
        if (!listed.SequenceEqual(required, StringComparer.Ordinal))
        {
            return (BundleFailure.FileListInvalid, $"the manifest must list exactly the proof and statement of each of the {manifest.Header.BatchCount} batches, in batch order, each once (and no private file)");
        }

        return BundleFiles.Check(directory, manifest.Files);
    }

    /// <summary>
    /// The liabilities of a zk bundle this verifier has fully verified: the header's totals are the last batch's proven
    /// totals, and its round id, time and assets are bound into every proof by the context digest.
    /// </summary>
    private static VerifiedLiabilities Verified(ZkRoundManifest manifest, int batchesChecked)
    {
        var h = manifest.Header;
        var parameters = ZkParameterSet.Find(h.ParameterSetId) ?? throw new InvalidDataException($"unknown parameter set '{h.ParameterSetId}'");
        return new VerifiedLiabilities(RoundMode.Zk, h.RoundId, h.SnapshotTime, h.Assets, h.Totals, Convert.ToHexStringLower([.. h.Root]), batchesChecked)
        {
            ParameterSetId = h.ParameterSetId,
            BatchCount = h.BatchCount,
            AccountsPerBatch = parameters.AccountsPerBatch,
        };
    }
}
