// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Zk;

/// <summary>
/// Turns a snapshot into a zk round bundle (docs/formats.md §9): read and validate every account (the transparent
/// mode's readers and rules), give each a CSPRNG salt and its id commitment, split them into batches of the parameter
/// set's shape, pad every batch with random leaves and place every leaf at a uniformly random slot (<see cref="ZkLeafPlacement.Place"/>),
/// write the private openings, prove every batch (<see cref="ZkRoundProver"/>: atomic files, resume), then write the
/// manifest (public files only) and move the bundle into place.
/// </summary>
/// <remarks>
/// The bundle is built in <see cref="PartialPath"/>, beside the output. An interrupted build leaves it there (it holds
/// the private openings): rerunning the same command on the same inputs resumes, reusing the openings and every
/// finished batch whose proof verifies. Bad input is rejected before anything is written.
/// </remarks>
public static class ZkRoundBuilder
{
    /// <summary>The work directory of a build whose output is <paramref name="outputDirectory"/>.</summary>
    /// <param name="outputDirectory">The bundle directory to create.</param>
    /// <returns>The hidden sibling directory used until the bundle is complete.</returns>
    public static string PartialPath(string outputDirectory)
    {
        var full = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.zk-partial");
    }

    /// <summary>Builds (or resumes) a zk round.</summary>
    /// <param name="options">Inputs and output path (the same as the transparent mode's).</param>
    /// <param name="parameters">A pinned parameter set, or null to choose one from the round (<see cref="ZkBatchPlanner.ChooseParameterSet(IReadOnlyList{int}, int)"/>).</param>
    /// <param name="allowTestParameters">Accept a test-only parameter set (tests only).</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="cancellationToken">Cancels between stages; a cancelled build can be resumed.</param>
    /// <returns>The manifest and how many batches were proven or resumed.</returns>
    /// <exception cref="InputException">The snapshot is invalid (file, line, field named), or a partial build of other inputs is in the way.</exception>
    /// <exception cref="ArgumentException">A test-only parameter set without <paramref name="allowTestParameters"/>.</exception>
    /// <exception cref="IOException">The output path exists or cannot be written.</exception>
    public static ZkRoundBuildResult Build(
        RoundBuildOptions options, ZkParameterSet? parameters, bool allowTestParameters = false, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RoundIds.Validate(options.RoundId) is { } idError)
        {
            throw new InputException("--round-id", 0, "", idError);
        }

        if (parameters is not null && ZkParameterSet.Find(parameters.Id) != parameters)
        {
            throw new ArgumentException($"parameter set '{parameters.Id}' is not pinned", nameof(parameters));
        }

        if (parameters is { IsTestOnly: true } && !allowTestParameters)
        {
            throw new ArgumentException($"parameter set '{parameters.Id}' is for tests only (below production security)", nameof(parameters));
        }

        var output = Path.GetFullPath(options.OutputDirectory);
        if (Directory.Exists(output) || File.Exists(output))
        {
            throw new IOException($"{options.OutputDirectory} already exists; choose a new output directory");
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(options.SnapshotTime.ToUnixTimeSeconds());
        progress?.Report(new WorkProgress("reading snapshot", 0, 0));
        var collector = new ZkAccountCollector(options.Assets);
        SnapshotReader.Read(options.SnapshotPath, options.Format, options.Assets, collector);
        if (collector.Ids.Count == 0)
        {
            throw new InputException(options.SnapshotPath, 0, "", "no accounts");
        }

        if (parameters is null)
        {
            try
            {
                parameters = ZkBatchPlanner.ChooseParameterSet([.. collector.Holdings.Select(h => h.Length)], options.Assets.Count);
            }
            catch (ZkPlanningException e)
            {
                throw ZkBatchPlanner.ToInputException(e, i => collector.Places[i]);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var context = ZkRoundContext.Digest(options.RoundId, time, options.Assets);
        var work = PartialPath(output);
        var openingsPath = Path.Combine(work, ZkBundleLayout.Openings);
        List<IReadOnlyList<ZkOpening>> batches;
        if (File.Exists(openingsPath))
        {
            progress?.Report(new WorkProgress("resuming: checking the interrupted build's openings", 0, 0));
            batches = ReadMatchingOpenings(openingsPath, work, parameters, context, options.Assets.Count, collector);
        }
        else
        {
            progress?.Report(new WorkProgress("salting, committing and ordering accounts", 0, 0));
            batches = Assign(collector, parameters, options.Assets.Count);
            Directory.CreateDirectory(Path.GetDirectoryName(openingsPath)!);
            ZkOpeningsFile.Write(openingsPath, new ZkOpeningsHeader(parameters.Id, context, batches.Count, parameters.AccountsPerBatch, options.Assets.Count), batches);
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new WorkProgress("proving batches", 0, batches.Count));
        var batchDirectory = Path.Combine(work, ZkBundleLayout.BatchDirectory);
        var accounts = batches.Select(b => (IReadOnlyList<ZkAccount>)[.. b.Select(o => o.ToAccount())]).ToList();
        (ZkBatchStatement[] statements, int proven) = ZkRoundProver.ProveRound(
            parameters, context, options.Assets.Count, accounts, batchDirectory, allowTestParameters, Path.Combine(work, ZkBundleLayout.ChainOpenings), progress);
        cancellationToken.ThrowIfCancellationRequested();

        var totals = ZkRoundProver.Totals(statements);
        if (!totals.SequenceEqual(collector.Totals.Select(t => (UInt128)t)))
        {
            throw new InvalidOperationException("internal error: proven totals differ from the snapshot totals");
        }

        progress?.Report(new WorkProgress("writing manifest", 0, 0));
        var treeRoot = ZkRoundProver.Root(statements);
        ulong[] publishedTotals = [.. collector.Totals];
        var root = ZkRoundRoot.Compute(context, parameters.Id, batches.Count, publishedTotals, treeRoot);
        var header = new ZkRoundHeader(options.RoundId, time, options.Assets, publishedTotals, parameters.Id, batches.Count, treeRoot, root);

        // Only public files are described: a private file's size or hash would leak (the openings' size gives the
        // account count).
        var files = ZkBundleLayout.PublicFiles(batches.Count).Select(p => Describe(work, p)).ToList();
        var manifest = new ZkRoundManifest(header, ToolInfo.Version, files);
        AtomicFile.WriteAllBytes(Path.Combine(work, BundleLayout.Manifest), ZkRoundManifestJson.Serialize(manifest));
        cancellationToken.ThrowIfCancellationRequested();
        Directory.Move(work, output);
        return new ZkRoundBuildResult(manifest, proven, batches.Count - proven);
    }

    private static BundleFile Describe(string directory, string relative)
    {
        var path = Path.Combine(directory, relative);
        return new BundleFile(relative, FileHashing.Sha256Hex(path), new FileInfo(path).Length);
    }

    /// <summary>
    /// Salts and commits every account, then places them (<see cref="ZkLeafPlacement.Place"/>): B batches within N leaves and the
    /// trace's rows each, every batch padded to N, every leaf at a uniformly random slot of the B·N.
    /// </summary>
    internal static List<IReadOnlyList<ZkOpening>> Assign(ZkAccountCollector collector, ZkParameterSet parameters, int assetCount)
    {
        var n = parameters.AccountsPerBatch;
        var rows = parameters.TraceLength - parameters.Options.RandomRows;
        try
        {
            _ = ZkBatchPlanner.Plan([.. collector.Holdings.Select(h => h.Length)], parameters, assetCount);
        }
        catch (ZkPlanningException e)
        {
            throw ZkBatchPlanner.ToInputException(e, i => collector.Places[i]);
        }

        var leaves = new ZkOpening[collector.Ids.Count];
        var salts = RandomNumberGenerator.GetBytes(ZkAccountEncoding.SaltSize * leaves.Length);
        for (var i = 0; i < leaves.Length; i++)
        {
            var salt = salts.AsSpan(ZkAccountEncoding.SaltSize * i, ZkAccountEncoding.SaltSize).ToArray();
            var id = collector.Ids[i];
            leaves[i] = new ZkOpening(id, salt, ZkAccountEncoding.IdCommitment(id, salt), collector.Holdings[i]);
        }

        CryptographicOperations.ZeroMemory(salts);
        var batches = ZkLeafPlacement.Place(leaves, n, rows, assetCount);
        if (batches.Count > ZkRoundHeaderJson.MaxBatchCount)
        {
            throw new InputException("snapshot", 0, "", $"the round needs {batches.Count} batches; at most {ZkRoundHeaderJson.MaxBatchCount} are allowed");
        }

        return batches;
    }

    /// <summary>Reads an interrupted build's openings and checks they were made for exactly these inputs.</summary>
    private static List<IReadOnlyList<ZkOpening>> ReadMatchingOpenings(
        string path, string work, ZkParameterSet parameters, byte[] context, int assetCount, ZkAccountCollector collector)
    {
        var batches = new List<IReadOnlyList<ZkOpening>>();
        ZkOpeningsHeader header;
        try
        {
            header = ZkOpeningsFile.Read(path, (_, leaves) =>
            {
                batches.Add(leaves);
                return true;
            });
        }
        catch (InvalidDataException e)
        {
            throw new InputException(work, 0, "", $"an interrupted build is here but its openings are unreadable ({e.Message}); delete the directory to start over");
        }

        var seen = new bool[collector.Ids.Count];
        var matches = string.Equals(header.ParameterSetId, parameters.Id, StringComparison.Ordinal)
            && header.ContextDigest.AsSpan().SequenceEqual(context) && header.AssetCount == assetCount;
        foreach (var leaf in batches.SelectMany(b => b).Where(l => !l.IsPadding))
        {
            var i = collector.IndexOf(leaf.AccountId!);
            matches = matches && i >= 0 && !seen[i] && leaf.Holdings.AsSpan().SequenceEqual(collector.Holdings[i]);
            if (i >= 0)
            {
                seen[i] = true;
            }
        }

        if (!matches || seen.Contains(false))
        {
            throw new InputException(work, 0, "",
                "an interrupted build of other inputs (snapshot, round id, time, assets or parameter set) is here; rerun with the same inputs to resume, or delete it to start over");
        }

        return batches;
    }
}
