// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Transparent;

/// <summary>
/// Turns a snapshot into a transparent round bundle: read and validate every account, salt and commit each one,
/// order leaves by a keyed hash of the account id, build the sum tree, write the store, the private index and the
/// manifest. The bundle appears at the output path only when complete.
/// </summary>
/// <remarks>
/// The output is locked (<see cref="OutputLock"/>) for the whole build, so a second build into the same output is
/// refused. The bundle is built in a work directory beside the output (<c>.NAME.por-tmp-PID-RANDOM</c>) created 0700
/// before any private file is written; <c>private/</c> is 0700 and <c>private/accounts.bin</c> 0600 from the first
/// byte. A failed or cancelled build deletes its work directory; one left by a killed build (readable by its owner
/// only) is removed by the next build or atomic write into the same parent directory.
/// </remarks>
public static class RoundBuilder
{
    /// <summary>Builds a round.</summary>
    /// <param name="options">Inputs and output path.</param>
    /// <param name="progress">Receives (stage, done, total) updates; may be null.</param>
    /// <param name="cancellationToken">Cancels the build (nothing is left at the output path).</param>
    /// <returns>The manifest written.</returns>
    /// <exception cref="InputException">The snapshot is invalid (file, line, field named).</exception>
    /// <exception cref="IOException">The output path exists or cannot be written.</exception>
    public static RoundManifest Build(RoundBuildOptions options, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RoundIds.Validate(options.RoundId) is { } idError)
        {
            throw new InputException("--round-id", 0, "", idError);
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(options.SnapshotTime.ToUnixTimeSeconds());
        using var outputLock = OutputLock.Acquire(options.OutputDirectory);
        using var output = new AtomicDirectory(options.OutputDirectory, privateDirectory: true);
        progress?.Report(new WorkProgress("reading snapshot", 0, 0));
        var secret = RandomNumberGenerator.GetBytes(32);
        var collector = new AccountCollector(options.RoundId, options.Assets, secret);
        var reporter = new ReadProgressSink(collector, progress, cancellationToken);
        SnapshotReader.Read(options.SnapshotPath, options.Format, options.Assets, reporter);
        progress?.Report(new WorkProgress("sorting accounts", 0, 0));
        var accounts = collector.Complete();
        cancellationToken.ThrowIfCancellationRequested();

        Directory.CreateDirectory(Path.Combine(output.TempPath, "store"));
        PrivateFiles.CreateDirectory(Path.Combine(output.TempPath, "private"));
        var leavesPath = Path.Combine(output.TempPath, TransparentBundleLayout.Leaves);
        var nodesPath = Path.Combine(output.TempPath, TransparentBundleLayout.Nodes);
        SumTreeResult tree;
        var files = new List<BundleFile>();
        using (var leavesFile = new FileStream(leavesPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        using (var nodesFile = new FileStream(nodesPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
        using (var leavesHashed = new HashingWriteStream(leavesFile))
        using (var nodesHashed = new HashingWriteStream(nodesFile))
        {
            // Buffered so that hashing sees large chunks, not one call per leaf.
            using var leavesBuffered = new BufferedStream(leavesHashed, 1 << 20);
            using var nodesBuffered = new BufferedStream(nodesHashed, 1 << 20);
            var leaves = new LeafStoreWriter(leavesBuffered, accounts.Count, options.Assets.Count);
            var treeProgress = new SyncProgress(done => progress?.Report(new WorkProgress("building tree", done, accounts.Count)));
            tree = new SumTreeComputer(accounts.Count, options.Assets.Count).Run(accounts, nodesBuffered, output.TempPath, leaves.Write, treeProgress, cancellationToken);
            leaves.Complete();
            leavesBuffered.Flush();
            nodesBuffered.Flush();
            files.Add(new BundleFile(TransparentBundleLayout.Leaves, leavesHashed.HashHex(), leavesHashed.Length));
            files.Add(new BundleFile(TransparentBundleLayout.Nodes, nodesHashed.HashHex(), nodesHashed.Length));
        }

        if (!tree.Totals.AsSpan().SequenceEqual(accounts.Totals))
        {
            throw new InvalidOperationException("internal error: tree totals differ from the snapshot totals");
        }

        progress?.Report(new WorkProgress("writing private index", 0, 0));
        using (var accountsFile = new FileStream(Path.Combine(output.TempPath, TransparentBundleLayout.Accounts), PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, 1 << 20)))
        using (var accountsHashed = new HashingWriteStream(accountsFile))
        using (var accountsBuffered = new BufferedStream(accountsHashed, 1 << 20))
        {
            AccountIndex.Write(accountsBuffered, accounts);
            accountsBuffered.Flush();
            files.Add(new BundleFile(TransparentBundleLayout.Accounts, accountsHashed.HashHex(), accountsHashed.Length));
        }

        progress?.Report(new WorkProgress("writing manifest", 0, 0));
        var descriptor = new RoundDescriptor(options.RoundId, time, options.Assets, accounts.Count);
        var root = SumTreeHashing.Root(descriptor, tree.TopDigest, tree.Totals);
        var header = new RoundHeader(options.RoundId, time, options.Assets, tree.Totals, accounts.Count, root);
        var manifest = new RoundManifest(header, RoundManifest.TransparentMode, descriptor.Depth, ToolInfo.Version, files);
        File.WriteAllBytes(Path.Combine(output.TempPath, BundleLayout.Manifest), RoundManifestJson.Serialize(manifest));
        cancellationToken.ThrowIfCancellationRequested();
        output.Commit();
        return manifest;
    }

    /// <summary>Forwards accounts, reports reading progress and checks for cancellation every 65,536 accounts.</summary>
    private sealed class ReadProgressSink(AccountCollector inner, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) : ISnapshotSink
    {
        private long _count;

        public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
        {
            inner.Add(accountId, holdings, file, line);
            if ((++_count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new WorkProgress("reading snapshot", _count, 0));
            }
        }
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
