// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Zk;

/// <summary>
/// Exports one customer's zk inclusion file from a bundle with its private openings: find the customer's leaf,
/// recompute their batch tree from the batch's openings (its root must be the batch statement's), take the top path
/// from the published batch statements, and verify the result against the manifest before returning it;
/// or export every customer's file in one sequential pass over the openings (<see cref="ExportAll"/>).
/// </summary>
public static class ZkInclusionExporter
{
    /// <summary>Exports the file of <paramref name="accountId"/>.</summary>
    /// <param name="directory">The bundle directory (with <see cref="ZkBundleLayout.Openings"/>).</param>
    /// <param name="accountId">The customer's raw account id.</param>
    /// <param name="allowTestParameters">Accept a test-only parameter set (tests only).</param>
    /// <returns>The file, or null when the account is not in the round.</returns>
    /// <exception cref="InvalidDataException">The bundle is damaged or inconsistent.</exception>
    /// <exception cref="InputException">The manifest is malformed.</exception>
    public static ZkInclusionFile? Export(string directory, string accountId, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(accountId);
        var manifest = ZkRoundManifestJson.Read(Path.Combine(directory, BundleLayout.Manifest));
        var header = manifest.Header;
        var openingsPath = Path.Combine(directory, ZkBundleLayout.Openings);
        if (!File.Exists(openingsPath))
        {
            throw new InvalidDataException($"{openingsPath}: missing (the operator's private openings are needed to export proofs)");
        }

        var id = Encoding.UTF8.GetBytes(accountId);
        int batchIndex = -1, leafIndex = -1;
        IReadOnlyList<ZkOpening> batch = [];
        var openingsHeader = ZkOpeningsFile.Read(openingsPath, (b, leaves) =>
        {
            for (var i = 0; i < leaves.Count; i++)
            {
                if (leaves[i].AccountId is { } candidate && candidate.AsSpan().SequenceEqual(id))
                {
                    (batchIndex, leafIndex, batch) = (b, i, leaves);
                    return false;
                }
            }

            return true;
        });
        if (!string.Equals(openingsHeader.ParameterSetId, header.ParameterSetId, StringComparison.Ordinal)
            || openingsHeader.BatchCount != header.BatchCount || !openingsHeader.ContextDigest.AsSpan().SequenceEqual(header.ContextDigest))
        {
            throw new InvalidDataException($"{openingsPath}: made for another round than the manifest's");
        }

        if (batchIndex < 0)
        {
            return null;
        }

        var statements = ReadStatements(directory, header);
        var batchLevels = ZkRoundTree.Levels([.. batch.Select(o => o.Leaf())]);
        if (!batchLevels[^1][0].AsSpan().SequenceEqual(statements[batchIndex].Root))
        {
            throw new InvalidDataException($"batch {batchIndex}: the openings do not give the proven batch root");
        }

        var topLevels = ZkRoundTree.Levels([.. statements.Select(s => s.Root)]);
        var opening = batch[leafIndex];
        var proof = new ZkInclusionProof(
            header.ParameterSetId, id, opening.Salt!, opening.Holdings, batchIndex, header.BatchCount, leafIndex,
            ZkRoundTree.Path(batchLevels, leafIndex), ZkRoundTree.Path(topLevels, batchIndex));
        var file = new ZkInclusionFile(header, proof);
        var check = ZkInclusionFileVerifier.Verify(file, header, allowTestParameters);
        return check.IsValid ? file : throw new InvalidDataException($"the exported proof does not verify: {check.Failure}");
    }

    /// <summary>
    /// Exports every customer's inclusion file into a new directory in one sequential pass over the private openings
    /// (one batch in memory at a time): file <see cref="InclusionExportLayout.RelativePath"/>(id) per customer and an <see cref="InclusionExportLayout.IndexFile"/>
    /// mapping each id to its file (docs/formats.md §9.5). Every file is verified against the manifest before it is written.
    /// </summary>
    /// <remarks>
    /// Atomic: everything is written into a hidden sibling <c>.NAME.export-GUID</c> (0700, files 0600) that is renamed to
    /// <paramref name="outputDirectory"/> only when complete; a failure or cancellation deletes it, and a stale one
    /// left by a killed process is deleted by the next export to the same output. With <paramref name="force"/> an existing
    /// output is replaced only after the new directory is complete.
    /// </remarks>
    /// <param name="roundDirectory">The bundle directory (with <see cref="ZkBundleLayout.Openings"/>).</param>
    /// <param name="outputDirectory">The directory to create.</param>
    /// <param name="force">Replace an existing <paramref name="outputDirectory"/>.</param>
    /// <param name="progress">Receives (batches done, B); may be null.</param>
    /// <param name="cancellationToken">Cancels between batches (nothing is left behind).</param>
    /// <param name="allowTestParameters">Accept a test-only parameter set (tests only).</param>
    /// <returns>The number of customers' files written.</returns>
    /// <exception cref="IOException">The output exists and <paramref name="force"/> is false, or it cannot be written.</exception>
    /// <exception cref="InvalidDataException">The bundle is damaged or inconsistent.</exception>
    /// <exception cref="InputException">The manifest is malformed.</exception>
    public static long ExportAll(
        string roundDirectory, string outputDirectory, bool force, IProgress<WorkProgress>? progress, CancellationToken cancellationToken, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(roundDirectory);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var manifest = ZkRoundManifestJson.Read(Path.Combine(roundDirectory, BundleLayout.Manifest));
        var header = manifest.Header;
        var openingsPath = Path.Combine(roundDirectory, ZkBundleLayout.Openings);
        if (!File.Exists(openingsPath))
        {
            throw new InvalidDataException($"{openingsPath}: missing (the operator's private openings are needed to export proofs)");
        }

        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        if ((Directory.Exists(output) || File.Exists(output)) && !force)
        {
            throw new IOException($"{outputDirectory} already exists; use --force to replace it");
        }

        var parent = Path.GetDirectoryName(output) ?? ".";
        var name = Path.GetFileName(output);
        Directory.CreateDirectory(parent);
        foreach (var stale in Directory.EnumerateDirectories(parent, $".{name}.export-*"))
        {
            Directory.Delete(stale, recursive: true);
        }

        var statements = ReadStatements(roundDirectory, header);
        var topLevels = ZkRoundTree.Levels([.. statements.Select(s => s.Root)]);
        var temp = Path.Combine(parent, $".{name}.export-{Guid.NewGuid():N}");
        long written = 0;
        try
        {
            PrivateFiles.CreateDirectory(temp);
            using (var reader = new ZkOpeningsReader(openingsPath))
            using (var indexStream = PrivateFiles.Create(Path.Combine(temp, InclusionExportLayout.IndexFile)))
            using (var index = new Utf8JsonWriter(indexStream, new JsonWriterOptions { Indented = false }))
            {
                var openingsHeader = reader.Header;
                if (!string.Equals(openingsHeader.ParameterSetId, header.ParameterSetId, StringComparison.Ordinal)
                    || openingsHeader.BatchCount != header.BatchCount || !openingsHeader.ContextDigest.AsSpan().SequenceEqual(header.ContextDigest))
                {
                    throw new InvalidDataException($"{openingsPath}: made for another round than the manifest's");
                }

                InclusionExportLayout.WriteStart(index, header.RoundId);
                var shards = new HashSet<string>(StringComparer.Ordinal);
                for (var b = 0; b < header.BatchCount; b++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new WorkProgress("exporting inclusion files", b, header.BatchCount));
                    var batch = reader.ReadBatch(commit: true);
                    var batchLevels = ZkRoundTree.Levels([.. batch.Select(o => o.Leaf())]);
                    if (!batchLevels[^1][0].AsSpan().SequenceEqual(statements[b].Root))
                    {
                        throw new InvalidDataException($"batch {b}: the openings do not give the proven batch root");
                    }

                    var topPath = ZkRoundTree.Path(topLevels, b);
                    for (var i = 0; i < batch.Length; i++)
                    {
                        var opening = batch[i];
                        if (opening.AccountId is not { } id)
                        {
                            continue;
                        }

                        var proof = new ZkInclusionProof(
                            header.ParameterSetId, id, opening.Salt!, opening.Holdings, b, header.BatchCount, i,
                            ZkRoundTree.Path(batchLevels, i), topPath);
                        var file = new ZkInclusionFile(header, proof);
                        var check = ZkInclusionFileVerifier.Verify(file, header, allowTestParameters);
                        if (!check.IsValid)
                        {
                            throw new InvalidDataException($"batch {b}: an exported proof does not verify: {check.Failure}");
                        }

                        var accountId = Encoding.UTF8.GetString(id);
                        var relative = InclusionExportLayout.RelativePath(accountId);
                        var shard = relative[..relative.IndexOf('/', StringComparison.Ordinal)];
                        if (shards.Add(shard))
                        {
                            PrivateFiles.CreateDirectory(Path.Combine(temp, shard));
                        }

                        // CreateNew: two ids with one name (a SHA-256 collision, or a repeated id) fail here.
                        using (var stream = PrivateFiles.Create(Path.Combine(temp, relative)))
                        {
                            stream.Write(ZkInclusionFileJson.Serialize(file));
                        }

                        InclusionExportLayout.WriteEntry(index, accountId);
                        written++;
                    }
                }

                reader.ReadFooter();
                InclusionExportLayout.WriteEnd(index, written);
                index.Flush();
                indexStream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress("exporting inclusion files", header.BatchCount, header.BatchCount));
            DirectorySwap.Replace(temp, output);
            return written;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    internal static ZkBatchStatement[] ReadStatements(string directory, ZkRoundHeader header)
    {
        var statements = new ZkBatchStatement[header.BatchCount];
        for (var b = 0; b < statements.Length; b++)
        {
            if (!ZkBatchStatement.TryParse(File.ReadAllBytes(Path.Combine(directory, ZkBundleLayout.Statement(b))), out var s))
            {
                throw new InvalidDataException($"{ZkBundleLayout.Statement(b)}: malformed statement");
            }

            statements[b] = s;
        }

        return statements;
    }
}
