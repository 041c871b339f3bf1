// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Testing;

namespace Por.Liabilities.Tests.Rounds;

/// <summary>
/// A cheating operator: writes a bundle straight from chosen leaves, bypassing the builder's input checks, with
/// internally consistent file hashes, so each test shows the auditor's own check catching the fraud.
/// </summary>
internal static class CheatingBundle
{
    public static string Write(TempDirectory dir, string name, IReadOnlyList<(byte[] Commitment, Holding[] Holdings)> leaves, Func<RoundHeader, RoundHeader>? alterHeader = null, Action<string>? alterStore = null)
    {
        var bundle = dir.File(name);
        Directory.CreateDirectory(Path.Combine(bundle, "store"));
        var assets = TestRounds.Assets;
        var block = new LeafBlock(leaves.Count);
        foreach (var (c, h) in leaves)
        {
            block.Add(c, h);
        }

        using (var f = File.Create(Path.Combine(bundle, TransparentBundleLayout.Leaves)))
        {
            var writer = new LeafStoreWriter(f, leaves.Count, assets.Count);
            writer.Write(block);
            writer.Complete();
        }

        byte[] top;
        ulong[] totals;
        try
        {
            using var nodes = File.Create(Path.Combine(bundle, TransparentBundleLayout.Nodes));
            var result = new SumTreeComputer(leaves.Count, assets.Count).Run(new ListSource(block), nodes, dir.Path, null, null, default);
            (top, totals) = (result.TopDigest, result.Totals);
        }
        catch (InvalidDataException)
        {
            // Leaves whose sums overflow: the cheat ships whatever it likes as nodes and totals.
            top = new byte[32];
            totals = new ulong[assets.Count];
        }

        alterStore?.Invoke(bundle);
        var descriptor = new RoundDescriptor("cheat", TestRounds.Time, assets, leaves.Count);
        var header = new RoundHeader("cheat", TestRounds.Time, assets, totals, leaves.Count, SumTreeHashing.Root(descriptor, top, totals));
        header = alterHeader?.Invoke(header) ?? header;
        var files = new[] { TransparentBundleLayout.Leaves, TransparentBundleLayout.Nodes }
            .Select(p => new BundleFile(p, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(bundle, p)))), new FileInfo(Path.Combine(bundle, p)).Length))
            .ToList();
        File.WriteAllBytes(Path.Combine(bundle, BundleLayout.Manifest), RoundManifestJson.Serialize(new RoundManifest(header, "transparent", SumTreeHashing.DepthFor(header.AccountCount), "test", files)));
        return bundle;
    }

    public static List<(byte[] Commitment, Holding[] Holdings)> HonestLeaves(int count)
    {
        var list = new List<(byte[], Holding[])>();
        for (var i = 0; i < count; i++)
        {
            list.Add((SHA256.HashData(BitConverter.GetBytes(i)), [new Holding(0, (ulong)(i + 1) * 1000), new Holding(2, 7)]));
        }

        return list;
    }

    private sealed class ListSource(LeafBlock block) : ILeafSource
    {
        public void Fill(LeafBlock target, long firstLeaf, int count)
        {
            for (var i = 0; i < count; i++)
            {
                target.Add(block.Commitment((int)firstLeaf + i), block.Holdings((int)firstLeaf + i));
            }
        }
    }
}
