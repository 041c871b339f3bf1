// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Zk;

/// <summary>
/// Turns a snapshot into a zk round bundle (docs/formats.md §9) while holding only one batch of accounts and a small
/// per-account index (docs/liabilities-zk.md §4.2):
/// pass 1 streams the snapshot through <see cref="ZkAccountCollector"/> (every check of the transparent mode, totals,
/// an id hash and a holding count per account) and confirms colliding id hashes exactly (<see cref="ZkDuplicateChecker"/>);
/// the placement is drawn from the holding counts alone (<see cref="ZkBatchAssignment"/>); pass 2 re-reads the snapshot,
/// checks it is the same (<see cref="ZkOpeningSpill"/>), salts every account (CSPRNG) and spills it to its batch's file;
/// each batch is then padded to N, shuffled and appended to the private openings; finally every batch is proven from the
/// openings, one at a time (<see cref="ZkRoundProver"/>: atomic files, resume), and the manifest is written.
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
    /// <param name="parameters">A pinned parameter set, or null to choose one from the accounts' holding counts (<see cref="ZkBatchPlanner.ChooseParameterSet(IReadOnlyList{int}, int)"/>).</param>
    /// <param name="allowTestParameters">Accept a test-only parameter set (tests only).</param>
    /// <param name="progress">Receives progress (accounts read in each pass, batches placed and proven); may be null.</param>
    /// <param name="cancellationToken">Cancels between stages and batches; a cancelled build can be resumed.</param>
    /// <returns>The manifest and how many batches were proven or resumed.</returns>
    /// <exception cref="InputException">The snapshot is invalid (file, line, field named), it changed during the build, or a partial build of other inputs is in the way.</exception>
    /// <exception cref="ArgumentException">A test-only parameter set without <paramref name="allowTestParameters"/>.</exception>
    /// <exception cref="IOException">The output path exists or cannot be written.</exception>
    public static ZkRoundBuildResult Build(
        RoundBuildOptions options, ZkParameterSet? parameters, bool allowTestParameters = false, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Build(options, parameters, allowTestParameters, progress, null, cancellationToken);

    /// <summary>Builds (or resumes) a zk round, with test seams.</summary>
    internal static ZkRoundBuildResult Build(
        RoundBuildOptions options, ZkParameterSet? parameters, bool allowTestParameters, IProgress<WorkProgress>? progress, ZkBuildHooks? hooks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RoundIds.Validate(options.RoundId) is { } idError)
        {
            throw new InputException("--round-id", 0, "", idError);
        }

        if (parameters is not null)
        {
            CheckChosen(parameters, allowTestParameters);
        }

        var output = Path.GetFullPath(options.OutputDirectory);
        using var outputLock = OutputLock.Acquire(options.OutputDirectory);
        if (Directory.Exists(output) || File.Exists(output))
        {
            throw new IOException($"{options.OutputDirectory} already exists; choose a new output directory");
        }

        var work = PartialPath(output);
        var prepared = Prepare(options, parameters, work, progress, hooks, cancellationToken);
        parameters = prepared.Parameters;
        var (openingsHeader, publishedTotals) = (prepared.Openings, prepared.Totals);
        var openingsPath = Path.Combine(work, ZkBundleLayout.Openings);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var batchTotal = openingsHeader.BatchCount;

        // Plan: every chain opening fixed up front (kept across a resume), then every batch proven from it, then the
        // same bundle the assembler of a distributed build writes (docs/distributed.md).
        var plan = LocalPlan(work, openingsHeader, progress, cancellationToken);
        int proven;
        using (var batches = new ZkOpeningsBatchList(openingsPath, openingsHeader, b =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            hooks?.BeforeBatch?.Invoke(b);
            progress?.Report(new WorkProgress("proving batches", b, batchTotal));
        }))
        {
            proven = ZkRoundProver.ProvePlan(
                plan, [.. publishedTotals.Select(t => (UInt128)t)], batches, Path.Combine(work, ZkBundleLayout.BatchDirectory), Path.Combine(work, ZkBundleLayout.ChainOpenings),
                allowTestParameters, progress);
        }

        progress?.Report(new WorkProgress("proving batches", batchTotal, batchTotal));
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new WorkProgress("writing manifest", 0, 0));
        var header = ZkRoundPlanner.Header(options, prepared, plan);

        // Only public files are described: a private file's size or hash would leak (the openings' size gives the
        // account count).
        var files = ZkBundleLayout.PublicFiles(batchTotal).Select(p => Describe(work, p)).ToList();
        var manifest = new ZkRoundManifest(header, ToolInfo.Version, files);
        AtomicFile.WriteAllBytes(Path.Combine(work, BundleLayout.Manifest), ZkRoundManifestJson.Serialize(manifest));
        cancellationToken.ThrowIfCancellationRequested();
        Directory.Move(work, output);
        return new ZkRoundBuildResult(manifest, proven, batchTotal - proven);
    }

    /// <summary>
    /// The build's plan: the one an interrupted build fixed (private/plan.json, written last, with every chain opening
    /// it commits to), or a new one (every chain opening fixed now; finished batches of an older plan are dropped).
    /// </summary>
    private static ZkRoundPlan LocalPlan(string work, ZkOpeningsHeader header, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var planPath = Path.Combine(work, ZkRoundPlanner.PlanCopyPath);
        var chain = Path.Combine(work, ZkBundleLayout.ChainOpenings);
        if (File.Exists(planPath))
        {
            try
            {
                var existing = ZkRoundPlanJson.Read(planPath);
                if (string.Equals(existing.ParameterSetId, header.ParameterSetId, StringComparison.Ordinal) && existing.ContextDigest.AsSpan().SequenceEqual(header.ContextDigest)
                    && existing.BatchCount == header.BatchCount && existing.AssetCount == header.AssetCount && existing.AccountsPerBatch == header.AccountsPerBatch
                    && Enumerable.Range(0, existing.BatchCount).All(b => OpensPlanned(chain, existing, b)))
                {
                    return existing;
                }
            }
            catch (InputException)
            {
                // Unreadable: plan again below.
            }
        }

        foreach (var stale in new[] { ZkBundleLayout.BatchDirectory, ZkBundleLayout.ChainOpenings })
        {
            if (Directory.Exists(Path.Combine(work, stale)))
            {
                Directory.Delete(Path.Combine(work, stale), recursive: true);
            }
        }

        var (plan, _) = ZkRoundPlanner.FixChain(
            Path.Combine(work, ZkBundleLayout.Openings), header, System.Security.Cryptography.RandomNumberGenerator.GetBytes(ZkRoundPlan.PlanIdLength), chain,
            (_, unit) => System.Security.Cryptography.SHA256.HashData(unit.ToBytes()), null, progress, cancellationToken);
        AtomicFile.WritePrivate(planPath, ZkRoundPlanJson.Serialize(plan));
        return plan;
    }

    private static bool OpensPlanned(string chain, ZkRoundPlan plan, int b)
    {
        var path = Path.Combine(chain, ZkRoundProver.OpeningFile(b));
        return File.Exists(path) && ZkChainOpening.TryParse(File.ReadAllBytes(path), out var opening) && opening.Totals.Length == plan.AssetCount
            && (b == plan.BatchCount - 1 || opening.Commit().AsSpan().SequenceEqual(plan.Batches[b].ChainOut));
    }

    /// <summary>What the streaming passes fix before any chain opening: the set, the context, the openings and the totals.</summary>
    internal sealed record Prepared(ZkParameterSet Parameters, DateTimeOffset Time, byte[] Context, ZkOpeningsHeader Openings, ulong[] Totals);

    /// <summary>
    /// Pass 1 (every check), the choice of the set, the placement and pass 2 into <paramref name="work"/>'s private
    /// openings (or the check of an interrupted build's openings there). Nothing is written before every check held.
    /// </summary>
    internal static Prepared Prepare(
        RoundBuildOptions options, ZkParameterSet? parameters, string work, IProgress<WorkProgress>? progress, ZkBuildHooks? hooks, CancellationToken cancellationToken)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(options.SnapshotTime.ToUnixTimeSeconds());
        var assetCount = options.Assets.Count;
        var idHash = hooks?.IdHash ?? ZkAccountCollector.DefaultIdHash;

        // Pass 1: validate everything and build the index; nothing is written.
        const string Pass1 = "reading snapshot (pass 1 of 2: checking)";
        progress?.Report(new WorkProgress(Pass1, 0, 0));
        using var index = new ZkAccountCollector(options.Assets, idHash) { OnProgress = done => progress?.Report(new WorkProgress(Pass1, done, 0)) };
        SnapshotReader.Read(options.SnapshotPath, options.Format, options.Assets, index);
        if (index.Count == 0)
        {
            throw new InputException(options.SnapshotPath, 0, "", "no accounts");
        }

        progress?.Report(new WorkProgress(Pass1, index.Count, index.Count));
        cancellationToken.ThrowIfCancellationRequested();
        var colliding = index.CollidingHashes();
        if (colliding.Count > 0)
        {
            progress?.Report(new WorkProgress("reading snapshot again: comparing ids whose hashes collide", 0, 0));
            SnapshotReader.Read(options.SnapshotPath, options.Format, options.Assets, new ZkDuplicateChecker(colliding, idHash));
        }

        if (parameters is null)
        {
            try
            {
                parameters = ZkBatchPlanner.ChooseParameterSet(
                    new HoldingCountList(index.HoldingCounts), assetCount, options.ProverMemoryLimit ?? ZkBatchPlanner.DefaultMemoryLimit());
            }
            catch (ZkPlanningException e)
            {
                throw PlanningError(e, options);
            }

            progress?.Report(new WorkProgress(
                string.Create(CultureInfo.InvariantCulture, $"parameter set {parameters.Id} ({parameters.AccountsPerBatch} accounts per batch, about {ZkBatchPlanner.EstimatedPeakBytes(parameters) / (double)(1L << 30):F1} GiB while proving)"), 0, 0));
        }
        else
        {
            // A named set: plan with it now, so that an asset list too large for it is blamed on the list, not an account.
            try
            {
                _ = ZkBatchPlanner.Plan(new HoldingCountList(index.HoldingCounts), parameters, assetCount);
            }
            catch (ZkPlanningException e)
            {
                throw PlanningError(e, options);
            }
        }

        var n = parameters.AccountsPerBatch;
        var rows = parameters.TraceLength - parameters.Options.RandomRows;
        var (largest, largestFile, largestLine) = index.Largest;
        if (LiabilitiesTraceBuilder.RequiredRows([largest], n, assetCount) > rows)
        {
            throw new InputException(largestFile, largestLine, "account_id",
                $"this account's {largest} holdings do not fit one batch of parameter set '{parameters.Id}' ({rows} trace rows)");
        }

        hooks?.AfterIndex?.Invoke(index);
        var streamDigest = index.StreamDigest();
        var setDigest = index.SetDigest();
        hooks?.AfterFirstPass?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();

        var context = ZkRoundContext.Digest(options.RoundId, time, options.Assets);
        var openingsPath = Path.Combine(work, ZkBundleLayout.Openings);
        ZkOpeningsHeader openingsHeader;
        if (File.Exists(openingsPath))
        {
            progress?.Report(new WorkProgress("resuming: checking the interrupted build's openings", 0, 0));
            openingsHeader = CheckOpenings(openingsPath, work, parameters, context, assetCount, index.Count, setDigest);
        }
        else
        {
            var (batchCount, batchOf) = ZkBatchAssignment.Assign(index.HoldingCounts, n, rows, assetCount);
            openingsHeader = new ZkOpeningsHeader(parameters.Id, context, batchCount, n, assetCount);
            WriteOpenings(options, work, openingsHeader, index, streamDigest, batchOf, idHash, progress, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();

        cancellationToken.ThrowIfCancellationRequested();
        ulong[] totals = [.. index.Totals];
        return new Prepared(parameters, time, context, openingsHeader, totals);
    }

    private static void CheckChosen(ZkParameterSet parameters, bool allowTestParameters)
    {
        if (ZkParameterSet.Find(parameters.Id) != parameters)
        {
            throw new ArgumentException($"parameter set '{parameters.Id}' is not pinned", nameof(parameters));
        }

        if (parameters.IsTestOnly && !allowTestParameters)
        {
            throw new ArgumentException($"parameter set '{parameters.Id}' is for tests only (below production security)", nameof(parameters));
        }
    }

    /// <summary>A planning failure as bad input: an account at fault is located (file, line) by reading up to it again.</summary>
    private static InputException PlanningError(ZkPlanningException e, RoundBuildOptions options)
    {
        if (e.Reason == ZkPlanningFailure.AccountTooLarge && e.AccountIndex is int account)
        {
            var locator = new AccountLocator(account);
            try
            {
                SnapshotReader.Read(options.SnapshotPath, options.Format, options.Assets, locator);
            }
            catch (AccountLocator.FoundException)
            {
                return ZkBatchPlanner.ToInputException(e, _ => (locator.File, locator.Line));
            }
        }

        return e.Reason switch
        {
            ZkPlanningFailure.TooManyAssets => new InputException("--assets", 0, "", e.Message),
            ZkPlanningFailure.NotEnoughMemory => new InputException("--memory-limit", 0, "", e.Message),
            _ => new InputException(options.SnapshotPath, 0, "", e.Message),
        };
    }

    /// <summary>The error for a snapshot that differs between the build's two reads.</summary>
    internal static InputException SnapshotChanged(string snapshotPath) => new(snapshotPath, 0, "",
        "the snapshot changed while the round was being built (its second read differs from the first); build from a file that nothing writes to");

    private static BundleFile Describe(string directory, string relative)
    {
        var path = Path.Combine(directory, relative);
        return new BundleFile(relative, FileHashing.Sha256Hex(path), new FileInfo(path).Length);
    }

    /// <summary>
    /// Pass 2 and placement: spills every account's salted opening to its batch's file, then pads, shuffles and
    /// appends the batches in order to the openings file (renamed into place last). Any failure removes the spill
    /// files, and the work directory if this call created it.
    /// </summary>
    private static void WriteOpenings(
        RoundBuildOptions options, string work, ZkOpeningsHeader header, ZkAccountCollector index, byte[] streamDigest, ushort[] batchOf,
        Func<ReadOnlySpan<byte>, ulong> idHash, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var created = !Directory.Exists(work);
        var spillDirectory = Path.Combine(work, ZkBundleLayout.Spill);
        try
        {
            Directory.CreateDirectory(work);
            PrivateFiles.CreateDirectory(Path.Combine(work, ZkBundleLayout.PrivateDirectory));

            // Proofs or chain openings without openings belong to leaves that no longer exist: start over.
            foreach (var stale in new[] { ZkBundleLayout.BatchDirectory, ZkBundleLayout.ChainOpenings, ZkBundleLayout.Spill })
            {
                if (Directory.Exists(Path.Combine(work, stale)))
                {
                    Directory.Delete(Path.Combine(work, stale), recursive: true);
                }
            }

            const string Pass2 = "reading snapshot (pass 2 of 2: salting)";
            progress?.Report(new WorkProgress(Pass2, 0, index.Count));
            int perFile;
            using (var spill = new ZkOpeningSpill(spillDirectory, options.SnapshotPath, index, streamDigest, header.BatchCount, batchOf, idHash)
            {
                OnProgress = done => progress?.Report(new WorkProgress(Pass2, done, index.Count)),
            })
            {
                SnapshotReader.Read(options.SnapshotPath, options.Format, options.Assets, spill);
                spill.Complete();
                perFile = spill.BatchesPerFile;
            }

            progress?.Report(new WorkProgress(Pass2, index.Count, index.Count));
            cancellationToken.ThrowIfCancellationRequested();
            using (var writer = new ZkOpeningsWriter(Path.Combine(work, ZkBundleLayout.Openings), header))
            {
                for (var k = 0; k * perFile < header.BatchCount; k++)
                {
                    var first = k * perFile;
                    var grouped = ZkOpeningSpill.ReadFile(ZkOpeningSpill.FilePath(spillDirectory, k), first, Math.Min(perFile, header.BatchCount - first), header.AssetCount);
                    for (var j = 0; j < grouped.Length; j++)
                    {
                        progress?.Report(new WorkProgress("placing leaves", first + j, header.BatchCount));
                        writer.AppendBatch(ZkBatchAssignment.Finish(grouped[j], header.AccountsPerBatch));
                        grouped[j] = [];
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                }

                writer.Commit();
            }

            Directory.Delete(spillDirectory, recursive: true);
        }
        catch
        {
            if (created && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
            else if (Directory.Exists(spillDirectory))
            {
                Directory.Delete(spillDirectory, recursive: true);
            }

            throw;
        }
    }

    /// <summary>
    /// Checks an interrupted build's openings were made for exactly these inputs: the same parameter set, context and
    /// asset count, and exactly the snapshot's accounts (same count and the same order-free set digest of (id, holdings)).
    /// </summary>
    private static ZkOpeningsHeader CheckOpenings(string path, string work, ZkParameterSet parameters, byte[] context, int assetCount, int accountCount, byte[] setDigest)
    {
        try
        {
            using var reader = new ZkOpeningsReader(path);
            using var digest = new ZkAccountStreamDigest();
            var header = reader.Header;
            var matches = string.Equals(header.ParameterSetId, parameters.Id, StringComparison.Ordinal)
                && header.ContextDigest.AsSpan().SequenceEqual(context) && header.AssetCount == assetCount;
            if (matches)
            {
                for (var b = 0; b < header.BatchCount; b++)
                {
                    foreach (var leaf in reader.ReadBatch(commit: false))
                    {
                        if (!leaf.IsPadding)
                        {
                            digest.Add(leaf.AccountId, leaf.Holdings);
                        }
                    }
                }

                reader.ReadFooter();
                matches = digest.Count == accountCount && digest.SetDigest().AsSpan().SequenceEqual(setDigest);
            }

            return matches ? header : throw new InputException(work, 0, "",
                "an interrupted build of other inputs (snapshot, round id, time, assets or parameter set) is here; rerun with the same inputs to resume, or delete it to start over");
        }
        catch (InvalidDataException e)
        {
            throw new InputException(work, 0, "", $"an interrupted build is here but its openings are unreadable ({e.Message}); delete the directory to start over");
        }
    }

    /// <summary>The index's holding counts as the planner takes them (no copy).</summary>
    private sealed class HoldingCountList(IReadOnlyList<ushort> counts) : IReadOnlyList<int>
    {
        public int Count => counts.Count;

        public int this[int index] => counts[index];

        public IEnumerator<int> GetEnumerator() => counts.Select(c => (int)c).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Finds the file and line of the account at an index (stops the reader there).</summary>
    private sealed class AccountLocator(int target) : ISnapshotSink
    {
        private int _next;

        public string File { get; private set; } = "";

        public long Line { get; private set; }

        public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
        {
            if (_next++ == target)
            {
                (File, Line) = (file, line);
                throw new FoundException();
            }
        }

        public sealed class FoundException : Exception;
    }
}
