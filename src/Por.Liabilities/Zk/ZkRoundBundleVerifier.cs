// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
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
        return Verify(manifest, bundlePath =>
        {
            var path = Path.Combine(directory, bundlePath);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }, allowTestParameters, progress);
    }

    /// <summary>
    /// Verifies a zk round from its parsed manifest and its public files however they are held (in memory in a
    /// browser, on disk for the auditor): the same checks, in the same order, as <see cref="Verify(string, bool, IProgress{WorkProgress}?)"/>.
    /// </summary>
    /// <param name="manifest">The published manifest.</param>
    /// <param name="files">Reads a public file by its bundle path (<c>batches/batch-00000.proof</c>, …); null when it is absent.</param>
    /// <param name="allowTestParameters">Accept a test-only parameter set (tests only).</param>
    /// <param name="progress">Told of the file check and of every batch verified (<see cref="ZkRoundVerifier.VerifyingStage"/>); null for none.</param>
    /// <returns>The verdict; a missing or altered file is a failure, not an exception.</returns>
    /// <exception cref="InputException">The manifest names an unknown parameter set.</exception>
    public static ZkRoundVerification Verify(ZkRoundManifest manifest, Func<string, byte[]?> files, bool allowTestParameters = false, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(files);
        var header = manifest.Header;
        var parameters = ZkParameterSet.Find(header.ParameterSetId)
            ?? throw new InputException(BundleLayout.Manifest, 0, "parameter_set", $"unknown parameter set '{header.ParameterSetId}'");
        if (parameters.IsTestOnly && !allowTestParameters)
        {
            return new ZkRoundVerification(BundleFailure.TestParametersRefused, $"parameter set '{parameters.Id}' is for tests only (below production security); refused", manifest, 0);
        }

        progress?.Report(new WorkProgress("checking bundle files", 0, 0));
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (CheckFiles(files, manifest, contents) is { } fileFailure)
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
            if (!ZkBatchStatement.TryParse(contents[ZkBundleLayout.Statement(b)], out var statement))
            {
                return new ZkRoundVerification(BundleFailure.StatementMalformed, $"{ZkBundleLayout.Statement(b)}: malformed statement", manifest, 0);
            }

            statements[b] = statement;
            proofs[b] = contents[ZkBundleLayout.Proof(b)];
        }

        var failure = ZkRoundVerifier.Verify(
            header.ParameterSetId, header.ContextDigest, header.TreeRoot, [.. header.Totals.Select(t => (UInt128)t)], statements, proofs, allowTestParameters, progress);
        return failure is { } f
            ? new ZkRoundVerification(f.Failure, f.Message, manifest, 0)
            : new ZkRoundVerification(BundleFailure.None, "", manifest, header.BatchCount) { Liabilities = Verified(manifest, header.BatchCount) };
    }

    // The file list must be exactly the batches' public files; each listed file is read once, and its size and SHA-256
    // must match the manifest before anything parses it.
    private static (BundleFailure Failure, string Message)? CheckFiles(Func<string, byte[]?> files, ZkRoundManifest manifest, Dictionary<string, byte[]> contents)
    {
        var required = ZkBundleLayout.PublicFiles(manifest.Header.BatchCount).ToList();
        var listed = manifest.Files.Select(f => f.Path).ToList();
        if (!listed.SequenceEqual(required, StringComparer.Ordinal))
        {
            return (BundleFailure.FileListInvalid, $"the manifest must list exactly the proof and statement of each of the {manifest.Header.BatchCount} batches, in batch order, each once (and no private file)");
        }

        foreach (var f in manifest.Files)
        {
            if (files(f.Path) is not { } bytes)
            {
                return (BundleFailure.FileMissing, $"{f.Path}: missing");
            }

            if (bytes.LongLength != f.Bytes)
            {
                return (BundleFailure.FileSizeMismatch, $"{f.Path}: size differs from the manifest");
            }

            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), f.Sha256, StringComparison.Ordinal))
            {
                return (BundleFailure.FileDigestMismatch, $"{f.Path}: SHA-256 differs from the manifest");
            }

            contents[f.Path] = bytes;
        }

        return null;
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
