// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Testing;

namespace Por.Liabilities.Tests.Rounds;

public sealed class RoundVerifierTamperTests
{
    private static RoundVerification Verify(string bundle) => RoundVerifier.Verify(bundle);

    [Fact]
    public void HonestCheatingBundleWriter_Verifies()
    {
        using var dir = new TempDirectory();
        var result = Verify(CheatingBundle.Write(dir, "b", CheatingBundle.HonestLeaves(300)));
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void LeafByteFlipped_FileHashCheckFails()
    {
        using var dir = new TempDirectory();
        var bundle = TestRounds.Build(dir, TestRounds.Accounts(50));
        var path = Path.Combine(bundle, TransparentBundleLayout.Leaves);
        var bytes = File.ReadAllBytes(path);
        bytes[100] ^= 1;
        File.WriteAllBytes(path, bytes);
        {
            var failed = Verify(bundle);
            Assert.Equal(BundleFailure.FileDigestMismatch, failed.Failure);
            Assert.Contains("SHA-256 differs", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FileTruncated_SizeCheckFails()
    {
        using var dir = new TempDirectory();
        var bundle = TestRounds.Build(dir, TestRounds.Accounts(50));
        var path = Path.Combine(bundle, TransparentBundleLayout.Nodes);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^1]);
        {
            var failed = Verify(bundle);
            Assert.Equal(BundleFailure.FileSizeMismatch, failed.Failure);
            Assert.Contains("size differs", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StoredNodeSumLowered_RecomputationDiffers()
    {
        // Maxwell-style: the stored upper nodes claim a smaller sum than the leaves give.
        using var dir = new TempDirectory();
        var bundle = CheatingBundle.Write(dir, "b", CheatingBundle.HonestLeaves(300), alterStore: b =>
        {
            var path = Path.Combine(b, TransparentBundleLayout.Nodes);
            var bytes = File.ReadAllBytes(path);
            bytes[12 + 32 + 2 + 2 + 7] ^= 1; // the first level-6 node's first sum, low byte
            File.WriteAllBytes(path, bytes);
        });
        {
            var failed = Verify(bundle);
            Assert.Equal(BundleFailure.NodesMismatch, failed.Failure);
            Assert.Contains("differs from the recomputed tree", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DuplicatedLeaf_SameCommitmentTwice_Rejected()
    {
        using var dir = new TempDirectory();
        var leaves = CheatingBundle.HonestLeaves(100);
        leaves[51] = leaves[50];
        {
            var failed = Verify(CheatingBundle.Write(dir, "b", leaves));
            Assert.Equal(BundleFailure.DuplicateAccount, failed.Failure);
            Assert.Contains("share an account commitment", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ManifestTotalChanged_RootRecomputedWithIt_Rejected()
    {
        using var dir = new TempDirectory();
        var bundle = CheatingBundle.Write(dir, "b", CheatingBundle.HonestLeaves(100), h =>
        {
            var totals = h.Totals.ToArray();
            totals[0] -= 1;
            return h with { Totals = totals };
        });
        var failed = Verify(bundle);
        Assert.Equal(BundleFailure.TotalMismatch, failed.Failure);
        Assert.Contains("total of BTC", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestRootChanged_Rejected()
    {
        using var dir = new TempDirectory();
        var bundle = CheatingBundle.Write(dir, "b", CheatingBundle.HonestLeaves(100), h =>
        {
            var root = h.Root.ToArray();
            root[0] ^= 0x80;
            return h with { Root = root };
        });
        {
            var failed = Verify(bundle);
            Assert.Equal(BundleFailure.RootMismatch, failed.Failure);
            Assert.Contains("root differs", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ManifestRoundIdChanged_RootNoLongerMatches()
    {
        using var dir = new TempDirectory();
        var bundle = CheatingBundle.Write(dir, "b", CheatingBundle.HonestLeaves(100), h => h with { RoundId = "another-round" });
        {
            var failed = Verify(bundle);
            Assert.Equal(BundleFailure.RootMismatch, failed.Failure);
            Assert.Contains("root differs", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ManifestAccountCountBelowLeaves_Rejected()
    {
        using var dir = new TempDirectory();
        var bundle = CheatingBundle.Write(dir, "b", CheatingBundle.HonestLeaves(100), h => h with { AccountCount = 99 });
        var failed = Verify(bundle);
        Assert.Equal(BundleFailure.StoreInconsistent, failed.Failure);
        Assert.Contains("holds 100 leaves but the manifest says 99", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroAmountHolding_NonCanonicalLeaf_Rejected()
    {
        using var dir = new TempDirectory();
        var leaves = CheatingBundle.HonestLeaves(100);
        leaves[3] = (leaves[3].Commitment, [new Holding(0, 0)]);
        {
            var failed = Verify(CheatingBundle.Write(dir, "b", leaves));
            Assert.Equal(BundleFailure.StoreInconsistent, failed.Failure);
            Assert.Contains("not canonical", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnsortedHoldings_NonCanonicalLeaf_Rejected()
    {
        using var dir = new TempDirectory();
        var leaves = CheatingBundle.HonestLeaves(100);
        leaves[3] = (leaves[3].Commitment, [new Holding(2, 5), new Holding(0, 5)]);
        {
            var failed = Verify(CheatingBundle.Write(dir, "b", leaves));
            Assert.Equal(BundleFailure.StoreInconsistent, failed.Failure);
            Assert.Contains("not canonical", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LeavesWhoseSumOverflows_Rejected()
    {
        using var dir = new TempDirectory();
        var leaves = CheatingBundle.HonestLeaves(10);
        leaves[0] = (leaves[0].Commitment, [new Holding(1, ulong.MaxValue)]);
        leaves[1] = (leaves[1].Commitment, [new Holding(1, 1)]);
        {
            var failed = Verify(CheatingBundle.Write(dir, "b", leaves));
            Assert.Equal(BundleFailure.StoreInconsistent, failed.Failure);
            Assert.Contains("overflows 64-bit", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ManifestOmitsNodeFile_Rejected()
    {
        using var dir = new TempDirectory();
        var bundle = TestRounds.Build(dir, TestRounds.Accounts(20));
        var path = Path.Combine(bundle, BundleLayout.Manifest);
        var manifest = RoundManifestJson.Read(path);
        File.WriteAllBytes(path, RoundManifestJson.Serialize(manifest with { Files = manifest.Files.Where(f => f.Path != TransparentBundleLayout.Nodes).ToList() }));
        {
            var failed = Verify(bundle);
            Assert.Equal(BundleFailure.FileListInvalid, failed.Failure);
            Assert.Contains("must list", failed.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PrivateIndexAbsent_AuditorStillVerifies_PresentButAltered_Rejected()
    {
        using var dir = new TempDirectory();
        var bundle = TestRounds.Build(dir, TestRounds.Accounts(20));
        var accounts = Path.Combine(bundle, TransparentBundleLayout.Accounts);
        var bytes = File.ReadAllBytes(accounts);
        bytes[60] ^= 1;
        File.WriteAllBytes(accounts, bytes);
        {
            var failed = Verify(bundle);
            Assert.Equal(BundleFailure.FileDigestMismatch, failed.Failure);
            Assert.Contains($"{TransparentBundleLayout.Accounts}: SHA-256 differs", failed.Message, StringComparison.Ordinal);
        }
        File.Delete(accounts);
        Assert.True(Verify(bundle).IsValid);
    }

    [Theory]
    [InlineData("\"format\": \"por-round/1\"", "\"format\": \"por-round/2\"")]
    [InlineData("\"mode\": \"transparent\"", "\"mode\": \"zk\"")]
    [InlineData("\"tree_depth\"", "\"tree_depth_x\"")]
    public void ManifestMalformed_RejectedWithField(string from, string to)
    {
        using var dir = new TempDirectory();
        var bundle = TestRounds.Build(dir, TestRounds.Accounts(20));
        var path = Path.Combine(bundle, BundleLayout.Manifest);
        File.WriteAllText(path, File.ReadAllText(path).Replace(from, to, StringComparison.Ordinal));
        Assert.Throws<InputException>(() => Verify(bundle));
    }

    [Fact]
    public void ManifestTotalEdited_InRealBundle_Rejected()
    {
        using var dir = new TempDirectory();
        var bundle = TestRounds.Build(dir, [("a", [100_000_000UL, 0, 0]), ("b", [1UL, 0, 5])]);
        var path = Path.Combine(bundle, BundleLayout.Manifest);
        var text = File.ReadAllText(path, Encoding.UTF8);
        Assert.Contains("\"total\": \"1.00000001\"", text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace("\"total\": \"1.00000001\"", "\"total\": \"1\"", StringComparison.Ordinal));
        Assert.False(Verify(bundle).IsValid);
    }
}
