// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;
using Por.Testing;

namespace Por.Liabilities.Tests.Rounds;

/// <summary>
/// Round files are written with the dash-style ids (por-round/1, por-round/2, por-inclusion/1, por-inclusion/2); the
/// legacy dotted ids of earlier releases name the same content and are still read; any other id is refused. The id is
/// not part of any root: a bundle verifies under either spelling.
/// </summary>
public sealed class FormatIdTests
{
    private static string Recorded(string relative) => TestData.PathOf(Path.Combine("recorded", "2026-12-06", relative));

    [Fact]
    public void Writers_EmitDashIds()
    {
        using var dir = new TempDirectory();
        var bundle = TestRounds.Build(dir, TestRounds.Accounts(8));
        Assert.Contains("\"format\": \"por-round/1\"", File.ReadAllText(Path.Combine(bundle, BundleLayout.Manifest)), StringComparison.Ordinal);
        var proof = InclusionExporter.Export(bundle, TestRounds.Accounts(8)[0].Id)!;
        Assert.Contains("\"format\": \"por-inclusion/1\"", Encoding.UTF8.GetString(InclusionProofJson.Serialize(proof)), StringComparison.Ordinal);
        Assert.Equal(("por-round/2", "por-inclusion/2"), (ZkRoundManifest.FormatId, ZkInclusionFile.FormatId));
    }

    [Fact]
    public void RecordedLegacyBundles_StillVerify()
    {
        Assert.Contains("\"format\": \"por.round/1\"", File.ReadAllText(Recorded("transparent/manifest.json")), StringComparison.Ordinal);
        Assert.Contains("\"format\": \"por.round/2\"", File.ReadAllText(Recorded("zk/manifest.json")), StringComparison.Ordinal);
        Assert.True(RoundVerifier.Verify(Recorded("transparent")).IsValid);
        Assert.True(ZkRoundBundleVerifier.Verify(Recorded("zk")).IsValid);
        Assert.Equal(RoundMode.Transparent, RoundModes.ReadManifest(Recorded("transparent/manifest.json")));
        Assert.Equal(RoundMode.Zk, RoundModes.ReadManifest(Recorded("zk/manifest.json")));

        var proof = InclusionProofJson.Parse(File.ReadAllBytes(Recorded("transparent-inclusion-user-7.json")), "t.json");
        Assert.True(InclusionVerifier.Verify(proof, RoundManifestJson.Read(Recorded("transparent/manifest.json")).Header).IsValid);
        var zk = ZkInclusionFileJson.Parse(File.ReadAllBytes(Recorded("zk-inclusion-user-7.json")), "z.json");
        Assert.True(ZkInclusionFileVerifier.Verify(zk, ZkRoundManifestJson.Read(Recorded("zk/manifest.json")).Header).IsValid);
    }

    [Theory]
    [InlineData("por.round/1", true)]
    [InlineData("por-round/1", true)]
    [InlineData("por-round/3", false)]
    [InlineData("por.round/3", false)]
    [InlineData("por_round/1", false)]
    [InlineData("por.round/2", false)] // the zk id on a transparent manifest
    [InlineData("POR-ROUND/1", false)]
    public void TransparentManifest_FormatId_AcceptedOrRefused(string id, bool accepted)
    {
        using var dir = new TempDirectory();
        var bundle = TestRounds.Build(dir, TestRounds.Accounts(20));
        var path = Path.Combine(bundle, BundleLayout.Manifest);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"format\": \"por-round/1\"", $"\"format\": \"{id}\"", StringComparison.Ordinal));
        if (accepted)
        {
            // The root, totals and leaves verify unchanged: the id is not hashed into anything.
            Assert.True(RoundVerifier.Verify(bundle).IsValid);
        }
        else
        {
            var ex = Assert.Throws<InputException>(() => RoundVerifier.Verify(bundle));
            Assert.Equal("format", ex.Field);
        }
    }

    [Theory]
    [InlineData("por.inclusion/1", true)]
    [InlineData("por-inclusion/1", true)]
    [InlineData("por-inclusion/2", false)]
    [InlineData("por.inclusion/9", false)]
    public void TransparentInclusion_FormatId_AcceptedOrRefused(string id, bool accepted)
    {
        using var dir = new TempDirectory();
        var accounts = TestRounds.Accounts(12);
        var bundle = TestRounds.Build(dir, accounts);
        var text = Encoding.UTF8.GetString(InclusionProofJson.Serialize(InclusionExporter.Export(bundle, accounts[3].Id)!))
            .Replace("\"format\": \"por-inclusion/1\"", $"\"format\": \"{id}\"", StringComparison.Ordinal);
        if (accepted)
        {
            var proof = InclusionProofJson.Parse(Encoding.UTF8.GetBytes(text), "i.json");
            Assert.True(InclusionVerifier.Verify(proof, RoundManifestJson.Read(Path.Combine(bundle, BundleLayout.Manifest)).Header).IsValid);
        }
        else
        {
            Assert.Equal("format", Assert.Throws<InputException>(() => InclusionProofJson.Parse(Encoding.UTF8.GetBytes(text), "i.json")).Field);
        }
    }

    [Theory]
    [InlineData("por.round/1", "por-round/1")]
    [InlineData("por.round/2", "por-round/2")]
    [InlineData("por.inclusion/1", "por-inclusion/1")]
    [InlineData("por.inclusion/2", "por-inclusion/2")]
    [InlineData("por-round/2", "por-round/2")]
    [InlineData("por.round/3", "por.round/3")]
    public void Canonical_MapsOnlyTheFourLegacyIds(string id, string canonical) => Assert.Equal(canonical, RoundModes.Canonical(id));
}
