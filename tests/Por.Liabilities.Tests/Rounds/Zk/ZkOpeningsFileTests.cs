// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Testing;

namespace Por.Liabilities.Tests.Rounds.Zk;

public sealed class ZkOpeningsFileTests
{
    private static readonly ZkParameterSet s_set = ZkParameterSet.Test;

    [Fact]
    public void WriteRead_TwoBatches_RoundTripsAndStopsEarly()
    {
        using var dir = new TempDirectory();
        var path = dir.File("openings.bin");
        var header = new ZkOpeningsHeader(s_set.Id, Enumerable.Repeat((byte)7, 32).ToArray(), 2, s_set.AccountsPerBatch, 3);
        var batches = new[] { Batch("a"), Batch("b") };
        ZkOpeningsFile.Write(path, header, batches);

        var read = new List<IReadOnlyList<ZkOpening>>();
        var parsed = ZkOpeningsFile.Read(path, (_, leaves) =>
        {
            read.Add(leaves);
            return true;
        });
        Assert.Equal(header.ContextDigest, parsed.ContextDigest);
        Assert.Equal((header.ParameterSetId, header.BatchCount, header.AccountsPerBatch, header.AssetCount), (parsed.ParameterSetId, parsed.BatchCount, parsed.AccountsPerBatch, parsed.AssetCount));
        Assert.Equal(2, read.Count);
        for (var b = 0; b < 2; b++)
        {
            Assert.Equal(batches[b].Select(o => o.Leaf()), read[b].Select(o => o.Leaf()));
            Assert.Equal(batches[b].Select(o => o.AccountId is null), read[b].Select(o => o.IsPadding));
        }

        var visited = 0;
        ZkOpeningsFile.Read(path, (_, _) => ++visited < 1);
        Assert.Equal(1, visited);
    }

    [Fact]
    public void Read_TruncatedOrTrailingBytes_Rejected()
    {
        using var dir = new TempDirectory();
        var path = dir.File("openings.bin");
        ZkOpeningsFile.Write(path, new ZkOpeningsHeader(s_set.Id, new byte[32], 1, s_set.AccountsPerBatch, 3), [Batch("a")]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^1]);
        Assert.Throws<InvalidDataException>(() => ZkOpeningsFile.Read(path, (_, _) => true));
        File.WriteAllBytes(path, [.. bytes, 0]);
        Assert.Throws<InvalidDataException>(() => ZkOpeningsFile.Read(path, (_, _) => true));
    }

    private static List<ZkOpening> Batch(string prefix)
    {
        var salt = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var leaves = new List<ZkOpening>();
        for (var i = 0; i < 3; i++)
        {
            var id = System.Text.Encoding.UTF8.GetBytes($"{prefix}{i}");
            Holding[] holdings = i == 0 ? [] : [new(0, (ulong)i), new(2, ulong.MaxValue)];
            leaves.Add(new ZkOpening(id, salt, ZkAccountEncoding.IdCommitment(id, salt), holdings));
        }

        while (leaves.Count < s_set.AccountsPerBatch)
        {
            leaves.Add(new ZkOpening(null, null, [new(1), new(2), new(3), new((ulong)leaves.Count)], []));
        }

        return leaves;
    }
}
