// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Transparent;

/// <summary>
/// Exports one customer's inclusion proof from a round bundle in constant work: find the leaf and salt in the private
/// index, recompute the 64-leaf block around the leaf for the lowest six siblings, read the rest from the node store.
/// The proof is verified before it is returned. <see cref="ExportAll"/> writes every customer's file in one pass.
/// </summary>
public static class InclusionExporter
{
    /// <summary>Exports the proof of <paramref name="accountId"/>.</summary>
    /// <param name="directory">The bundle directory (with its private index).</param>
    /// <param name="accountId">The customer's raw account id.</param>
    /// <returns>The proof, or null when the account is not in the round.</returns>
    /// <exception cref="InvalidDataException">The bundle is damaged or inconsistent.</exception>
    public static InclusionProof? Export(string directory, string accountId)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(accountId);
        var manifest = RoundManifestJson.Read(Path.Combine(directory, BundleLayout.Manifest));
        var header = manifest.Header;
        var accountsPath = Path.Combine(directory, TransparentBundleLayout.Accounts);
        if (!File.Exists(accountsPath))
        {
            throw new InvalidDataException($"{accountsPath}: missing (the operator's private index is needed to export proofs)");
        }

        if (!AccountIndex.TryFind(accountsPath, accountId, out var leaf, out var salt))
        {
            return null;
        }

        var a = header.Assets.Count;
        var depth = SumTreeHashing.DepthFor(header.AccountCount);
        using var leaves = new LeafStoreReader(Path.Combine(directory, TransparentBundleLayout.Leaves));
        var block = new LeafBlock(LeafStoreFormat.BlockSize);
        var blockIndex = leaf / LeafStoreFormat.BlockSize;
        leaves.ReadBlock(blockIndex, block);
        var offset = (int)(leaf % LeafStoreFormat.BlockSize);
        Span<byte> commitment = stackalloc byte[SumTreeHashing.DigestSize];
        SumTreeHashing.Commitment(Encoding.UTF8.GetBytes(header.RoundId), Encoding.UTF8.GetBytes(accountId), salt, commitment);
        if (!commitment.SequenceEqual(block.Commitment(offset)))
        {
            throw new InvalidDataException("the stored commitment does not match the account id and salt");
        }

        var balances = block.Holdings(offset).ToArray();
        var path = new List<PathStep>(depth);
        var lowLevels = Math.Min(LeafStoreFormat.BlockLevel, depth);
        var width = 1 << lowLevels;
        var digests = new byte[width * SumTreeHashing.DigestSize];
        var sums = new ulong[width * a];
        var scratch = new byte[Math.Max(SumTreeHashing.NodeScratchSize(a), 1 + SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(a))];
        for (var i = 0; i < width; i++)
        {
            var d = digests.AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize);
            if (i < block.Count)
            {
                SumTreeHashing.LeafDigest(block.Commitment(i), block.Holdings(i), scratch, d);
                foreach (var h in block.Holdings(i))
                {
                    sums[(i * a) + h.Asset] = h.Amount;
                }
            }
            else
            {
                SumTreeHashing.PaddingDigest(0).CopyTo(d);
            }
        }

        var position = offset;
        for (var level = 0; level < lowLevels; level++)
        {
            var sibling = position ^ 1;
            path.Add(new PathStep(digests.AsSpan(sibling * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize).ToArray(), sums.AsSpan(sibling * a, a).ToArray()));
            var size = width >> (level + 1);
            for (var i = 0; i < size; i++)
            {
                SumTreeHashing.NodeDigest(
                    digests.AsSpan(2 * i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), sums.AsSpan(2 * i * a, a),
                    digests.AsSpan(((2 * i) + 1) * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), sums.AsSpan(((2 * i) + 1) * a, a),
                    scratch, digests.AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize));
                for (var j = 0; j < a; j++)
                {
                    sums[(i * a) + j] = checked(sums[(2 * i * a) + j] + sums[(((2 * i) + 1) * a) + j]);
                }
            }

            position >>= 1;
        }

        if (depth > lowLevels)
        {
            using var nodes = new NodeStoreReader(Path.Combine(directory, TransparentBundleLayout.Nodes));
            if (nodes.Depth != depth || nodes.AssetCount != a)
            {
                throw new InvalidDataException("the node store does not match the manifest");
            }

            var digest = new byte[SumTreeHashing.DigestSize];
            var nodeSums = new ulong[a];
            nodes.Read(lowLevels, blockIndex, digest, nodeSums);
            if (!digest.AsSpan().SequenceEqual(digests.AsSpan(0, SumTreeHashing.DigestSize)))
            {
                throw new InvalidDataException("the node store disagrees with the leaves");
            }

            for (var level = lowLevels; level < depth; level++)
            {
                nodes.Read(level, (leaf >> level) ^ 1, digest, nodeSums);
                path.Add(new PathStep(digest.ToArray(), nodeSums.ToArray()));
            }
        }

        var proof = new InclusionProof(header, accountId, salt, leaf, balances, path);
        var check = InclusionVerifier.Verify(proof, header);
        return check.IsValid ? proof : throw new InvalidDataException($"the exported proof does not verify: {check.Failure}");
    }

    /// <summary>The most characters of an inclusion file's name derived from an account id before it is hashed.</summary>
    public const int MaxEncodedNameLength = 200;

    /// <summary>
    /// The file name of <paramref name="accountId"/>'s inclusion file in a bulk export (<c>&lt;name&gt;.json</c>): ASCII
    /// lower-case letters, digits, <c>-</c> and <c>_</c> are kept, every other UTF-8 byte (upper-case letters, dots and
    /// <c>%</c> included) is written <c>%XX</c>, so two accounts never share a name, not even on a case-insensitive file
    /// system; a name longer than <see cref="MaxEncodedNameLength"/> characters becomes <c>~</c> and the SHA-256 of the
    /// id in hex (<c>~</c> is never kept by the encoding).
    /// </summary>
    /// <param name="accountId">The raw account id.</param>
    /// <returns>The name without extension.</returns>
    public static string FileNameOf(string accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        var bytes = Encoding.UTF8.GetBytes(accountId);
        var name = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_')
            {
                name.Append((char)b);
            }
            else
            {
                name.Append('%').Append(Convert.ToHexString([b]));
            }
        }

        return name.Length <= MaxEncodedNameLength ? name.ToString() : "~" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// Writes the inclusion file of every account of a transparent round into <paramref name="outputDirectory"/>, one
    /// file at <see cref="InclusionExportLayout.RelativePath"/> each plus an <see cref="InclusionExportLayout.IndexFile"/> (files 0600 in 0700 directories), in one sequential pass over
    /// the leaves: each 64-leaf block is hashed once and the upper path read once per block. The bundle keeps only a
    /// keyed hash of each account id, so the ids come from the snapshot the round was built from; every id must be in
    /// the round, every account of the round must be named, and each proof is verified before it is written. The
    /// directory is built under a hidden sibling name and renamed into place when complete; with
    /// <paramref name="force"/> an existing output is replaced only then.
    /// </summary>
    /// <param name="roundDirectory">The bundle directory (with its private index).</param>
    /// <param name="snapshotPath">The snapshot the round was built from.</param>
    /// <param name="format">The snapshot's format.</param>
    /// <param name="outputDirectory">The directory to create.</param>
    /// <param name="force">Replace an existing <paramref name="outputDirectory"/>.</param>
    /// <param name="progress">Progress, per account written.</param>
    /// <param name="cancellationToken">Cancellation: the partial output is removed.</param>
    /// <returns>The number of files written.</returns>
    /// <exception cref="InputException">The snapshot is malformed, names an account that is not in the round, or lacks one.</exception>
    /// <exception cref="InvalidDataException">The bundle is damaged or inconsistent.</exception>
    /// <exception cref="IOException">The output exists and <paramref name="force"/> is false.</exception>
    public static long ExportAll(string roundDirectory, string snapshotPath, SnapshotFormat format, string outputDirectory, bool force, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roundDirectory);
        ArgumentNullException.ThrowIfNull(snapshotPath);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var destination = Path.GetFullPath(outputDirectory);
        if (!force && (Directory.Exists(destination) || File.Exists(destination)))
        {
            throw new IOException($"{outputDirectory} already exists; pass --force to replace it");
        }

        var header = RoundManifestJson.Read(Path.Combine(roundDirectory, BundleLayout.Manifest)).Header;
        var accountsPath = Path.Combine(roundDirectory, TransparentBundleLayout.Accounts);
        if (!File.Exists(accountsPath))
        {
            throw new InvalidDataException($"{accountsPath}: missing (the operator's private index is needed to export proofs)");
        }

        using var index = new FileStream(accountsPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var (secret, keys) = ReadKeys(index, accountsPath, header.AccountCount);
        progress?.Report(new WorkProgress("reading account ids from the snapshot", 0, header.AccountCount));
        var ids = new IdCollector(secret, keys, header.AccountCount);
        SnapshotReader.Read(snapshotPath, format, header.Assets, ids);
        if (ids.Found != header.AccountCount)
        {
            throw new InputException(snapshotPath, 0, "", $"names {ids.Found:N0} of the round's {header.AccountCount:N0} accounts: it is not the snapshot this round was built from");
        }

        var parent = Path.GetDirectoryName(destination) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(destination)}.tmp-{Guid.NewGuid():N}");
        try
        {
            CreatePrivateDirectory(staging);
            WriteAll(roundDirectory, header, index, ids.ByLeaf, staging, progress, cancellationToken);
            WriteIndex(Path.Combine(staging, InclusionExportLayout.IndexFile), header.RoundId, ids.ByLeaf);
            DirectorySwap.Replace(staging, destination);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return header.AccountCount;
    }

    private static (byte[] Secret, UInt128[] Keys) ReadKeys(FileStream index, string path, long accountCount)
    {
        var header = new byte[AccountIndex.HeaderSize];
        if (index.Length < AccountIndex.HeaderSize + 8 || index.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) != header.Length || !header.AsSpan(0, 8).SequenceEqual(AccountIndex.Magic))
        {
            throw new InvalidDataException($"{path}: not a por account index of a supported version");
        }

        var count = BinaryPrimitives.ReadInt64BigEndian(header.AsSpan(8));
        var bits = header[48];
        if (count != accountCount || bits > 24 || index.Length != AccountIndex.HeaderSize + (count * AccountIndex.RecordSize) + (8L * ((1 << bits) + 1)) + 8)
        {
            throw new InvalidDataException($"{path}: size or account count does not match the manifest");
        }

        var keys = new UInt128[count];
        var record = new byte[AccountIndex.RecordSize];
        for (long i = 0; i < count; i++)
        {
            index.ReadExactly(record);
            keys[i] = BinaryPrimitives.ReadUInt128BigEndian(record);
            if (i > 0 && keys[i] <= keys[i - 1])
            {
                throw new InvalidDataException($"{path}: keys are not strictly increasing");
            }
        }

        return (header.AsSpan(16, 32).ToArray(), keys);
    }

    private static void WriteAll(string roundDirectory, RoundHeader header, FileStream index, string?[] ids, string staging, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var a = header.Assets.Count;
        var depth = SumTreeHashing.DepthFor(header.AccountCount);
        var lowLevels = Math.Min(LeafStoreFormat.BlockLevel, depth);
        var width = 1 << lowLevels;
        using var leaves = new LeafStoreReader(Path.Combine(roundDirectory, TransparentBundleLayout.Leaves));
        using var nodes = depth > lowLevels ? new NodeStoreReader(Path.Combine(roundDirectory, TransparentBundleLayout.Nodes)) : null;
        if (nodes is not null && (nodes.Depth != depth || nodes.AssetCount != a))
        {
            throw new InvalidDataException("the node store does not match the manifest");
        }

        // Every level of the block's subtree, level 0 = the leaves.
        var digests = new byte[lowLevels + 1][];
        var sums = new ulong[lowLevels + 1][];
        for (var level = 0; level <= lowLevels; level++)
        {
            digests[level] = new byte[(width >> level) * SumTreeHashing.DigestSize];
            sums[level] = new ulong[(width >> level) * a];
        }

        var scratch = new byte[Math.Max(SumTreeHashing.NodeScratchSize(a), 1 + SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(a))];
        var block = new LeafBlock(LeafStoreFormat.BlockSize);
        var roundId = Encoding.UTF8.GetBytes(header.RoundId);
        var commitment = new byte[SumTreeHashing.DigestSize];
        var record = new byte[AccountIndex.RecordSize];
        index.Position = AccountIndex.HeaderSize;
        var upper = new List<PathStep>(Math.Max(0, depth - lowLevels));
        var blocks = (header.AccountCount + LeafStoreFormat.BlockSize - 1) / LeafStoreFormat.BlockSize;
        long written = 0;
        for (long blockIndex = 0; blockIndex < blocks; blockIndex++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            leaves.ReadBlock(blockIndex, block);
            Array.Clear(sums[0]);
            for (var i = 0; i < width; i++)
            {
                var d = digests[0].AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize);
                if (i < block.Count)
                {
                    SumTreeHashing.LeafDigest(block.Commitment(i), block.Holdings(i), scratch, d);
                    foreach (var h in block.Holdings(i))
                    {
                        sums[0][(i * a) + h.Asset] = h.Amount;
                    }
                }
                else
                {
                    SumTreeHashing.PaddingDigest(0).CopyTo(d);
                }
            }

            for (var level = 0; level < lowLevels; level++)
            {
                var size = width >> (level + 1);
                for (var i = 0; i < size; i++)
                {
                    SumTreeHashing.NodeDigest(
                        digests[level].AsSpan(2 * i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), sums[level].AsSpan(2 * i * a, a),
                        digests[level].AsSpan(((2 * i) + 1) * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), sums[level].AsSpan(((2 * i) + 1) * a, a),
                        scratch, digests[level + 1].AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize));
                    for (var j = 0; j < a; j++)
                    {
                        sums[level + 1][(i * a) + j] = checked(sums[level][(2 * i * a) + j] + sums[level][(((2 * i) + 1) * a) + j]);
                    }
                }
            }

            upper.Clear();
            if (nodes is not null)
            {
                var digest = new byte[SumTreeHashing.DigestSize];
                var nodeSums = new ulong[a];
                nodes.Read(lowLevels, blockIndex, digest, nodeSums);
                if (!digest.AsSpan().SequenceEqual(digests[lowLevels]))
                {
                    throw new InvalidDataException("the node store disagrees with the leaves");
                }

                for (var level = lowLevels; level < depth; level++)
                {
                    var sibling = new byte[SumTreeHashing.DigestSize];
                    var siblingSums = new ulong[a];
                    nodes.Read(level, (blockIndex >> (level - lowLevels)) ^ 1, sibling, siblingSums);
                    upper.Add(new PathStep(sibling, siblingSums));
                }
            }

            for (var offset = 0; offset < block.Count; offset++)
            {
                var leaf = (blockIndex * LeafStoreFormat.BlockSize) + offset;
                index.ReadExactly(record);
                var salt = record.AsSpan(16, SumTreeHashing.SaltSize).ToArray();
                var accountId = ids[leaf]!;
                SumTreeHashing.Commitment(roundId, Encoding.UTF8.GetBytes(accountId), salt, commitment);
                if (!commitment.AsSpan().SequenceEqual(block.Commitment(offset)))
                {
                    throw new InvalidDataException($"leaf {leaf}: the stored commitment does not match the account id and salt");
                }

                var path = new List<PathStep>(depth);
                for (var level = 0; level < lowLevels; level++)
                {
                    var sibling = (offset >> level) ^ 1;
                    path.Add(new PathStep(digests[level].AsSpan(sibling * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize).ToArray(), sums[level].AsSpan(sibling * a, a).ToArray()));
                }

                path.AddRange(upper);
                var proof = new InclusionProof(header, accountId, salt, leaf, block.Holdings(offset).ToArray(), path);
                var check = InclusionVerifier.Verify(proof, header);
                if (!check.IsValid)
                {
                    throw new InvalidDataException($"leaf {leaf}: the exported proof does not verify: {check.Failure}");
                }

                var relative = InclusionExportLayout.RelativePath(accountId);
                var shard = Path.Combine(staging, relative[..relative.IndexOf('/', StringComparison.Ordinal)]);
                if (!Directory.Exists(shard))
                {
                    CreatePrivateDirectory(shard);
                }

                WritePrivate(Path.Combine(staging, relative), InclusionProofJson.Serialize(proof));
                written++;
            }

            progress?.Report(new WorkProgress("writing inclusion files", written, header.AccountCount));
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WriteIndex(string path, string roundId, string?[] idsByLeaf)
    {
        using var stream = new FileStream(path, PrivateFiles.Options(FileMode.CreateNew, FileAccess.Write, 1 << 20));
        using var writer = new Utf8JsonWriter(stream);
        InclusionExportLayout.WriteStart(writer, roundId);
        foreach (var id in idsByLeaf)
        {
            InclusionExportLayout.WriteEntry(writer, id!);
        }

        InclusionExportLayout.WriteEnd(writer, idsByLeaf.Length);
    }

    private static void WritePrivate(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(bytes);
    }

    // Maps each snapshot account to its leaf through the index's keyed hash; refuses ids that are not in the round.
    private sealed class IdCollector(byte[] secret, UInt128[] keys, long count) : ISnapshotSink
    {
        public string?[] ByLeaf { get; } = new string?[count];

        public long Found { get; private set; }

        public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
        {
            var id = Encoding.UTF8.GetString(accountId);
            var leaf = Array.BinarySearch(keys, AccountIndex.LookupKey(secret, id));
            if (leaf < 0)
            {
                throw new InputException(file, line, "account_id", "this account is not in the round: the snapshot is not the one the round was built from");
            }

            if (ByLeaf[leaf] is not null)
            {
                throw new InputException(file, line, "account_id", "duplicate account id");
            }

            ByLeaf[leaf] = id;
            Found++;
        }
    }
}
