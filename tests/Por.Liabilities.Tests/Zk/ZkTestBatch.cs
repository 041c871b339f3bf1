// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Field;

namespace Por.Liabilities.Tests.Zk;

/// <summary>Small honest batches under the test parameter set.</summary>
internal static class ZkTestBatch
{
    public const int AssetCount = 3;

    public static byte[] Context(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    public static List<ZkAccount> Accounts() =>
    [
        Account("alice", [new(0, 150_000_000), new(2, 42_000_000)]),
        Account("bob", []),
        Account("carol", [new(0, 5), new(1, ulong.MaxValue), new(2, 1UL << 40)]),
        Account("dave", [new(1, 7)]),
        Account("erin", [new(0, uint.MaxValue), new(1, uint.MaxValue), new(2, uint.MaxValue)]),
    ];

    public static ZkAccount Account(string uid, Holding[] holdings) =>
        new(ZkAccountEncoding.IdCommitment(System.Text.Encoding.UTF8.GetBytes(uid), new byte[32]), holdings);

    /// <summary>Prepares an honest batch; a batch after the first starts from <paramref name="incoming"/> or a random opening of (1000, 2000, 3000).</summary>
    public static (ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness) Prepare(
        IReadOnlyList<ZkAccount>? accounts = null, byte contextFill = 1, int batchIndex = 0, int batchCount = 1, ZkChainOpening? incoming = null) =>
        ZkBatchProver.Prepare(
            ZkParameterSet.Test, Context(contextFill), batchIndex, batchCount, AssetCount, accounts ?? Accounts(),
            batchIndex == 0 ? incoming : incoming ?? ZkChainOpening.Random([1000, 2000, 3000]));

    public static Goldilocks[] ZeroDigest() => new Goldilocks[ZkAccountEncoding.DigestSize];
}
