// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;
using Por.Stark.Field;

namespace Por.Liabilities.Audit;

/// <summary>
/// <c>por inclusion export --ids</c>: the inclusion files of a list of accounts (an auditor's sample), in the layout
/// of a bulk export (docs/formats.md §9.5): <see cref="InclusionExportLayout.RelativePath"/> per account and an index.
/// Transparent rounds export each account in constant work; zk rounds in one sequential pass over the openings.
/// Every file is verified against the manifest before it is written.
/// </summary>
public static class SampleInclusionExporter
{
    /// <summary>One requested account and where it was named, for errors.</summary>
    /// <param name="Id">The account id.</param>
    /// <param name="File">The file naming it.</param>
    /// <param name="Line">Its line (0 in a JSON file).</param>
    /// <param name="Field">Its field.</param>
    public sealed record Request(string Id, string File, long Line, string Field);

    /// <summary>Writes the files into the new directory <paramref name="output"/> (0700, files 0600).</summary>
    /// <param name="bundle">The round bundle, with its private index or openings.</param>
    /// <param name="requests">The accounts, distinct.</param>
    /// <param name="output">The directory to create; it must not exist (the caller makes the write atomic).</param>
    /// <param name="allowTestParameters">Accept a test-only zk parameter set (tests only).</param>
    /// <param name="progress">Receives (accounts written, total); may be null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The number of files written.</returns>
    /// <exception cref="InputException">An account is not in the round (names where it was given).</exception>
    /// <exception cref="InvalidDataException">The bundle is damaged.</exception>
    public static int Export(string bundle, IReadOnlyList<Request> requests, string output, bool allowTestParameters, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(requests);
        var manifestPath = Path.Combine(bundle, BundleLayout.Manifest);
        var zk = RoundModes.ReadManifest(manifestPath) == RoundMode.Zk;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string roundId;
        if (zk)
        {
            var header = ZkRoundManifestJson.Read(manifestPath).Header;
            roundId = header.RoundId;
            ExportZk(bundle, header, requests, files, allowTestParameters, cancellationToken);
        }
        else
        {
            roundId = RoundManifestJson.Read(manifestPath).Header.RoundId;
            foreach (var r in requests)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new WorkProgress("exporting inclusion files", files.Count, requests.Count));
                var proof = InclusionExporter.Export(bundle, r.Id) ?? throw NotInRound(r);
                files.Add(r.Id, InclusionProofJson.Serialize(proof));
            }
        }

        PrivateFiles.CreateDirectory(output);
        var shards = new HashSet<string>(StringComparer.Ordinal);
        using (var indexStream = PrivateFiles.Create(Path.Combine(output, InclusionExportLayout.IndexFile)))
        using (var index = new Utf8JsonWriter(indexStream, new JsonWriterOptions { Indented = false }))
        {
            InclusionExportLayout.WriteStart(index, roundId);
            var written = 0;
            foreach (var r in requests)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = InclusionExportLayout.RelativePath(r.Id);
                var shard = relative[..relative.IndexOf('/', StringComparison.Ordinal)];
                if (shards.Add(shard))
                {
                    PrivateFiles.CreateDirectory(Path.Combine(output, shard));
                }

                using (var stream = PrivateFiles.Create(Path.Combine(output, relative)))
                {
                    stream.Write(files[r.Id]);
                    stream.Flush(flushToDisk: true);
                }

                InclusionExportLayout.WriteEntry(index, r.Id);
                written++;
                progress?.Report(new WorkProgress("exporting inclusion files", written, requests.Count));
            }

            InclusionExportLayout.WriteEnd(index, written);
            index.Flush();
            indexStream.Flush(flushToDisk: true);
        }

        return requests.Count;
    }

    private static void ExportZk(string bundle, ZkRoundHeader header, IReadOnlyList<Request> requests, Dictionary<string, byte[]> files, bool allowTestParameters, CancellationToken cancellationToken)
    {
        var openingsPath = Path.Combine(bundle, ZkBundleLayout.Openings);
        if (!File.Exists(openingsPath))
        {
            throw new InvalidDataException($"{openingsPath}: missing (the operator's private openings are needed to export proofs)");
        }

        var wanted = requests.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var statements = ZkInclusionExporter.ReadStatements(bundle, header);
        var topLevels = ZkRoundTree.Levels([.. statements.Select(s => s.Root)]);
        var openingsHeader = ZkOpeningsFile.Read(openingsPath, (b, batch) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<Goldilocks[][]>? batchLevels = null;
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].AccountId is not { } id || !wanted.ContainsKey(Encoding.UTF8.GetString(id)))
                {
                    continue;
                }

                if (batchLevels is null)
                {
                    batchLevels = ZkRoundTree.Levels([.. batch.Select(o => o.Leaf())]);
                    if (!batchLevels[^1][0].AsSpan().SequenceEqual(statements[b].Root))
                    {
                        throw new InvalidDataException($"batch {b}: the openings do not give the proven batch root");
                    }
                }

                var opening = batch[i];
                var proof = new ZkInclusionProof(
                    header.ParameterSetId, id, opening.Salt!, opening.Holdings, b, header.BatchCount, i,
                    ZkRoundTree.Path(batchLevels, i), ZkRoundTree.Path(topLevels, b));
                var file = new ZkInclusionFile(header, proof);
                var check = ZkInclusionFileVerifier.Verify(file, header, allowTestParameters);
                if (!check.IsValid)
                {
                    throw new InvalidDataException($"batch {b}: an exported proof does not verify: {check.Failure}");
                }

                files.Add(Encoding.UTF8.GetString(id), ZkInclusionFileJson.Serialize(file));
            }

            return files.Count < wanted.Count;
        });
        if (!string.Equals(openingsHeader.ParameterSetId, header.ParameterSetId, StringComparison.Ordinal)
            || openingsHeader.BatchCount != header.BatchCount || !openingsHeader.ContextDigest.AsSpan().SequenceEqual(header.ContextDigest))
        {
            throw new InvalidDataException($"{openingsPath}: made for another round than the manifest's");
        }

        if (requests.FirstOrDefault(r => !files.ContainsKey(r.Id)) is { } absent)
        {
            throw NotInRound(absent);
        }
    }

    private static InputException NotInRound(Request r) => new(r.File, r.Line, r.Field, $"account '{r.Id}' is not in this round");
}
