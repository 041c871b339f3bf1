// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Transparent;

/// <summary>
/// Turns a snapshot into a transparent round bundle: read and validate every account, salt and commit each one,
/// order leaves by a keyed hash of the account id, write a checkpoint (the private index), build the sum tree, write
/// the store and the manifest. The bundle appears at the output path only when complete.
/// </summary>
/// <remarks>
/// <para>
/// The output is locked (<see cref="OutputLock"/>) for the whole build, so a second build into the same output is
/// refused. The bundle is built in <see cref="PartialPath"/> (<c>.NAME.transparent-partial</c> beside the output),
/// created 0700 before any private file is written; <c>private/</c> is 0700 and every private file 0600 from its
/// first byte.
/// </para>
/// <para>
/// Checkpoint: once every account is read, salted and sorted, the build writes <c>private/accounts.bin</c> and then
/// the resume record <c>resume</c> (both temp + rename, the record last: a kill leaves a complete checkpoint or
/// none). The record binds the inputs: the snapshot's SHA-256 (<see cref="SnapshotDigest"/>), the format, the asset
/// table, the round id and the snapshot time, and the index's own SHA-256 and length. A rerun with the same inputs
/// resumes: it re-reads the snapshot (holdings are not stored), reuses the stored lookup secret and salts, so the
/// round has exactly the root the interrupted build would have had, and rebuilds the tree. A rerun with other inputs,
/// or over a damaged checkpoint, is refused (<see cref="InputException"/> naming the directory): rerun with the same
/// inputs, or delete the directory to start over. A work directory without a resume record (the build was stopped
/// before its checkpoint) holds nothing to reuse and is deleted.
/// </para>
/// <para>
/// A build that fails or is cancelled before its checkpoint deletes the work directory; after it, the directory is
/// kept (like the zk build's). On success the resume record is deleted and the directory renamed into place.
/// </para>
/// </remarks>
public static class RoundBuilder
{
    /// <summary>The resume record's name inside the work directory.</summary>
    internal const string ResumeRecord = "resume";

    private const string RecordMagic = "por-transparent-resume-v1";

    /// <summary>The work directory of a build whose output is <paramref name="outputDirectory"/>.</summary>
    /// <param name="outputDirectory">The bundle directory to create.</param>
    /// <returns>The hidden sibling directory used until the bundle is complete.</returns>
    public static string PartialPath(string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var full = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.transparent-partial");
    }

    /// <summary>Builds (or resumes) a round.</summary>
    /// <param name="options">Inputs and output path.</param>
    /// <param name="progress">Receives (stage, done, total) updates; may be null.</param>
    /// <param name="cancellationToken">Cancels the build (nothing is left at the output path; a build cancelled after its checkpoint can be resumed).</param>
    /// <returns>The manifest written.</returns>
    /// <exception cref="InputException">The snapshot is invalid (file, line, field named), or a checkpoint of other inputs, or a damaged one, is in the way.</exception>
    /// <exception cref="IOException">The output path exists or cannot be written.</exception>
    public static RoundManifest Build(RoundBuildOptions options, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (RoundIds.Validate(options.RoundId) is { } idError)
        {
            throw new InputException("--round-id", 0, "", idError);
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(options.SnapshotTime.ToUnixTimeSeconds());
        var output = Path.GetFullPath(options.OutputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        using var outputLock = OutputLock.Acquire(options.OutputDirectory);
        if (Directory.Exists(output) || File.Exists(output))
        {
            throw new IOException($"{options.OutputDirectory} already exists; choose a new output directory");
        }

        var parent = Path.GetDirectoryName(output) ?? ".";
        SweepKilledTemporaries(parent);
        var work = PartialPath(output);
        var recordPath = Path.Combine(work, ResumeRecord);
        var accountsPath = Path.Combine(work, TransparentBundleLayout.Accounts);
        var binding = Binding.Of(options, time);
        Checkpoint? checkpoint = null;
        if (File.Exists(recordPath))
        {
            progress?.Report(new WorkProgress("resuming: checking the interrupted build's checkpoint", 0, 0));
            checkpoint = ReadCheckpoint(work, recordPath, accountsPath, binding, options.SnapshotPath);
        }
        else if (Directory.Exists(work))
        {
            // Stopped before its checkpoint: nothing in it can be reused.
            Directory.Delete(work, recursive: true);
        }

        PrivateFiles.CreateDirectory(work);
        var keep = checkpoint is not null;
        try
        {
            var manifest = Build(options, time, work, binding, checkpoint, () => keep = true, progress, cancellationToken);
            Commit(work, output);
            return manifest;
        }
        finally
        {
            if (!keep && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>
    /// The snapshot's SHA-256 as the resume record stores it: that of the file's bytes, or for a directory (OKX) that
    /// of, for every <c>*.json</c> file below it in ordinal order of its relative path with <c>/</c> separators, the
    /// path's UTF-8 bytes, a zero byte and the file's SHA-256.
    /// </summary>
    /// <param name="path">The snapshot file or directory.</param>
    /// <returns>The lowercase hex digest.</returns>
    /// <exception cref="InputException">The path does not exist.</exception>
    public static string SnapshotDigest(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return FileHashing.Sha256Hex(path);
        }

        if (!Directory.Exists(path))
        {
            throw new InputException(path, 0, "", "file not found");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.GetFiles(path, "*.json", SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/'), Full: f))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        foreach (var (relative, full) in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            hash.AppendData(Convert.FromHexString(FileHashing.Sha256Hex(full)));
        }

        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    private static RoundManifest Build(
        RoundBuildOptions options, DateTimeOffset time, string work, Binding binding, Checkpoint? checkpoint, Action checkpointed, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new WorkProgress("reading snapshot", 0, 0));
        var collector = checkpoint is null
            ? new AccountCollector(options.RoundId, options.Assets, RandomNumberGenerator.GetBytes(32))
            : new AccountCollector(options.RoundId, options.Assets, checkpoint.Index);
        var reporter = new ReadProgressSink(collector, progress, cancellationToken);
        SnapshotReader.Read(options.SnapshotPath, options.Format, options.Assets, reporter);
        progress?.Report(new WorkProgress("sorting accounts", 0, 0));
        CollectedAccounts accounts;
        try
        {
            accounts = collector.Complete();
        }
        catch (InvalidDataException e) when (checkpoint is not null)
        {
            throw new InputException(work, 0, "", $"the checkpoint here does not match the snapshot ({e.Message}); delete the directory to start over");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var privateDirectory = Path.Combine(work, "private");
        var accountsPath = Path.Combine(work, TransparentBundleLayout.Accounts);
        BundleFile accountsFile;
        if (checkpoint is null)
        {
            progress?.Report(new WorkProgress("writing checkpoint", 0, 0));
            PrivateFiles.CreateDirectory(privateDirectory);
            string? hash = null;
            long length = 0;
            AtomicFile.Write(accountsPath, stream =>
            {
                using var hashed = new HashingWriteStream(stream);
                using var buffered = new BufferedStream(hashed, 1 << 20);
                AccountIndex.Write(buffered, accounts);
                buffered.Flush();
                hash = hashed.HashHex();
                length = hashed.Length;
            }, privateFile: true, overwrite: false);
            accountsFile = new BundleFile(TransparentBundleLayout.Accounts, hash!, length);
            var bound = binding with { SnapshotSha256 = SnapshotDigest(options.SnapshotPath) };
            AtomicFile.Write(Path.Combine(work, ResumeRecord), Encoding.UTF8.GetBytes(FormatRecord(bound, accountsFile)), privateFile: true, overwrite: false);
            checkpointed();
        }
        else
        {
            accountsFile = new BundleFile(TransparentBundleLayout.Accounts, checkpoint.AccountsSha256, checkpoint.AccountsLength);
            ClearAllBut(work, accountsPath);
        }

        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(Path.Combine(work, "store"));
        var leavesPath = Path.Combine(work, TransparentBundleLayout.Leaves);
        var nodesPath = Path.Combine(work, TransparentBundleLayout.Nodes);
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
            tree = new SumTreeComputer(accounts.Count, options.Assets.Count).Run(accounts, nodesBuffered, work, leaves.Write, treeProgress, cancellationToken);
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

        files.Add(accountsFile);
        progress?.Report(new WorkProgress("writing manifest", 0, 0));
        var descriptor = new RoundDescriptor(options.RoundId, time, options.Assets, accounts.Count);
        var root = SumTreeHashing.Root(descriptor, tree.TopDigest, tree.Totals);
        var header = new RoundHeader(options.RoundId, time, options.Assets, tree.Totals, accounts.Count, root);
        var manifest = new RoundManifest(header, RoundManifest.TransparentMode, descriptor.Depth, ToolInfo.Version, files);
        File.WriteAllBytes(Path.Combine(work, BundleLayout.Manifest), RoundManifestJson.Serialize(manifest));
        cancellationToken.ThrowIfCancellationRequested();
        return manifest;
    }

    /// <summary>Drops the resume record, gives the bundle's root the mode a new directory gets here, and renames it into place.</summary>
    private static void Commit(string work, string output)
    {
        File.Delete(Path.Combine(work, ResumeRecord));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, PrivateFiles.NewDirectoryMode(Path.GetDirectoryName(output) ?? "."));
        }

        Directory.Move(work, output);
    }

    /// <summary>Removes a killed build's temporaries (<c>.NAME.por-tmp-PID-…</c>) beside the output: housekeeping only.</summary>
    private static void SweepKilledTemporaries(string parent)
    {
        try
        {
            TempFiles.Sweep(parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A directory we cannot list is reported by the build itself.
        }
    }

    /// <summary>Deletes everything in a resumed work directory except the checkpoint (the tree, store and manifest are rebuilt).</summary>
    private static void ClearAllBut(string work, string accountsPath)
    {
        var record = Path.Combine(work, ResumeRecord);
        foreach (var entry in Directory.EnumerateFileSystemEntries(work, "*", SearchOption.AllDirectories).OrderByDescending(e => e.Length).ToList())
        {
            var keep = string.Equals(entry, accountsPath, StringComparison.Ordinal) || string.Equals(entry, record, StringComparison.Ordinal)
                || string.Equals(entry, Path.GetDirectoryName(accountsPath), StringComparison.Ordinal);
            if (keep)
            {
                continue;
            }

            if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
            {
                Directory.Delete(entry, recursive: true);
            }
            else if (File.Exists(entry) || Directory.Exists(entry))
            {
                File.Delete(entry);
            }
        }
    }

    private static string FormatRecord(Binding binding, BundleFile accounts) => string.Create(CultureInfo.InvariantCulture, $"""
        {RecordMagic}
        snapshot_sha256={binding.SnapshotSha256}
        format={binding.Format}
        assets_sha256={binding.AssetsSha256}
        round_id={binding.RoundId}
        snapshot_time={binding.SnapshotTime}
        accounts_sha256={accounts.Sha256}
        accounts_bytes={accounts.Bytes}

        """).ReplaceLineEndings("\n");

    /// <summary>Reads and checks a checkpoint: the record's syntax, its binding to these inputs, then the index against the record.</summary>
    private static Checkpoint ReadCheckpoint(string work, string recordPath, string accountsPath, Binding binding, string snapshotPath)
    {
        InputException Damaged(string why) =>
            new(work, 0, "", $"an interrupted transparent build is here but its checkpoint is damaged ({why}); delete the directory to start over");

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(File.ReadAllBytes(recordPath));
        }
        catch (DecoderFallbackException)
        {
            throw Damaged("the resume record is not UTF-8");
        }

        string[] names = ["snapshot_sha256", "format", "assets_sha256", "round_id", "snapshot_time", "accounts_sha256", "accounts_bytes"];
        var lines = text.Split('\n');
        if (lines.Length != names.Length + 2 || !string.Equals(lines[0], RecordMagic, StringComparison.Ordinal) || lines[^1].Length != 0)
        {
            throw Damaged("the resume record is incomplete or of another version");
        }

        var values = new string[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var prefix = names[i] + "=";
            if (!lines[i + 1].StartsWith(prefix, StringComparison.Ordinal))
            {
                throw Damaged($"the resume record lacks {names[i]} on line {i + 2}");
            }

            values[i] = lines[i + 1][prefix.Length..];
        }

        if (!long.TryParse(values[6], NumberStyles.None, CultureInfo.InvariantCulture, out var accountsLength) || values[5].Length != 64)
        {
            throw Damaged("the resume record's accounts_sha256 or accounts_bytes is malformed");
        }

        var stored = new Binding(values[0], values[1], values[2], values[3], values[4]);
        var current = binding with { SnapshotSha256 = SnapshotDigest(snapshotPath) };
        if (current.Differs(stored) is { } differs)
        {
            throw new InputException(work, 0, "",
                $"an interrupted transparent build of other inputs is here ({differs} differs); rerun with the same snapshot, format, assets, round id and snapshot time to resume, or delete the directory to start over");
        }

        if (!File.Exists(accountsPath) || new FileInfo(accountsPath).Length != accountsLength
            || !string.Equals(FileHashing.Sha256Hex(accountsPath), values[5], StringComparison.Ordinal))
        {
            throw Damaged($"{TransparentBundleLayout.Accounts} is missing, truncated or altered");
        }

        try
        {
            return new Checkpoint(AccountIndex.ReadAll(accountsPath), values[5], accountsLength);
        }
        catch (InvalidDataException e)
        {
            throw Damaged(e.Message);
        }
    }

    /// <summary>The interrupted build's index and its description.</summary>
    private sealed record Checkpoint(AccountIndex.Contents Index, string AccountsSha256, long AccountsLength);

    /// <summary>What a checkpoint is bound to.</summary>
    private sealed record Binding(string SnapshotSha256, string Format, string AssetsSha256, string RoundId, string SnapshotTime)
    {
        public static Binding Of(RoundBuildOptions options, DateTimeOffset time)
        {
            var assets = new StringBuilder();
            foreach (var asset in options.Assets.Assets)
            {
                assets.Append(CultureInfo.InvariantCulture, $"{asset.Symbol}:{asset.Decimals}\n");
            }

            return new Binding("", options.Format.ToString(), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(assets.ToString()))),
                options.RoundId, time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>Names the first input that differs, or null.</summary>
        public string? Differs(Binding other) =>
            !string.Equals(SnapshotSha256, other.SnapshotSha256, StringComparison.Ordinal) ? "the snapshot"
            : !string.Equals(Format, other.Format, StringComparison.Ordinal) ? "the format"
            : !string.Equals(AssetsSha256, other.AssetsSha256, StringComparison.Ordinal) ? "the asset table"
            : !string.Equals(RoundId, other.RoundId, StringComparison.Ordinal) ? "the round id"
            : !string.Equals(SnapshotTime, other.SnapshotTime, StringComparison.Ordinal) ? "the snapshot time"
            : null;
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
