// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Por.Common;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Field;

namespace Por.Benchmarks;

/// <summary>
/// The customer's check of one zk inclusion file (parse + verify) at the production shape: parameter set
/// <c>pol-v1-n18</c> (2^18 leaves per batch) and 39 batches (a 10M-account round), so 18 + 6 siblings = 768 bytes of
/// proof material. The customer's check does not depend on the batch proofs, so the setup builds one real batch tree
/// (2^18 leaves with random commitments) and random roots for the other batches instead of proving them.
/// </summary>
[MemoryDiagnoser]
public class ZkInclusionBenchmarks
{
    private const int BatchCount = 39;
    private byte[] _file = [];
    private ZkRoundHeader _published = null!;

    [GlobalSetup]
    public void Setup()
    {
        var set = ZkParameterSet.Production;
        var assets = new AssetTable([new Asset("BTC", 8), new Asset("ETH", 18), new Asset("USDT", 6)]);
        var salt = RandomNumberGenerator.GetBytes(32);
        var id = "user-0000000000-0"u8.ToArray();
        Holding[] holdings = [new(0, 150_000_000), new(2, 1_200_000_000)];
        var leaves = new Goldilocks[set.AccountsPerBatch][];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = ZkAccountEncoding.Leaf(RandomDigest(), i % 3 == 0 ? [] : holdings);
        }

        const int LeafIndex = 12_345, BatchIndex = 17;
        leaves[LeafIndex] = ZkAccountEncoding.Leaf(ZkAccountEncoding.IdCommitment(id, salt), holdings);
        var batchLevels = ZkRoundTree.Levels(leaves);
        var batchRoots = Enumerable.Range(0, BatchCount).Select(b => b == BatchIndex ? batchLevels[^1][0] : RandomDigest()).ToList();
        var topLevels = ZkRoundTree.Levels(batchRoots);
        var unrooted = new ZkRoundHeader("bench", DateTimeOffset.FromUnixTimeSeconds(1_790_000_000), assets, [1, 2, 3], set.Id, BatchCount, topLevels[^1][0], []);
        _published = unrooted with { Root = unrooted.ComputeRoot() };
        var proof = new ZkInclusionProof(set.Id, id, salt, holdings, BatchIndex, BatchCount, LeafIndex, ZkRoundTree.Path(batchLevels, LeafIndex), ZkRoundTree.Path(topLevels, BatchIndex));
        var file = new ZkInclusionFile(_published, proof);
        _file = ZkInclusionFileJson.Serialize(file);
        if (!ZkInclusionFileVerifier.Verify(file, _published).IsValid)
        {
            throw new InvalidOperationException("the benchmark's inclusion file does not verify");
        }

        Console.WriteLine($"// zk inclusion file: {_file.Length} bytes, {proof.PathBytes} bytes of proof material ({proof.BatchPath.Length} + {proof.TopPath.Length} siblings)");
    }

    [Benchmark]
    public bool ParseAndVerify() => ZkInclusionFileVerifier.Verify(ZkInclusionFileJson.Parse(_file, "inclusion.json"), _published).IsValid;

    private static Goldilocks[] RandomDigest()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return [.. Enumerable.Range(0, 4).Select(j => new Goldilocks(BitConverter.ToUInt64(bytes, 8 * j) & ((1UL << 62) - 1)))];
    }
}
