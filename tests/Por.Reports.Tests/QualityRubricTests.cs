// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;
using Por.Reports.Attestation;
using Por.Reports.History;
using Por.Testing;

namespace Por.Reports.Tests;

public sealed class QualityRubricTests
{
    private static RubricCriterion Get(SolvencyReport r, string id) => r.Rubric.Single(c => c.Id == id);

    private static RoundRecord Round(string id, int day) => new(id, TestRounds.Time.AddDays(day), 1, "00", RoundMode.Transparent, []);

    [Fact]
    public void Frequency_NoStoreOrOneRound_Unknown()
    {
        using var f = new ReportFixture();
        Assert.Equal(RubricStatus.Unknown, Get(f.Compute(), "frequency").Status);
        Assert.Equal(RubricStatus.Unknown, Get(f.Compute(history: []), "frequency").Status);
    }

    [Theory]
    [InlineData(30, RubricStatus.Pass)]
    [InlineData(90, RubricStatus.Partial)]
    [InlineData(200, RubricStatus.Fail)]
    public void Frequency_MedianGap_Graded(int gapDays, RubricStatus expected)
    {
        using var f = new ReportFixture();
        var history = new List<RoundRecord> { Round("a", -2 * gapDays), Round("b", -gapDays) };
        Assert.Equal(expected, Get(f.Compute(history: history), "frequency").Status);
    }

    [Fact]
    public void Transparent_Partial_PerAsset_Pass()
    {
        using var f = new ReportFixture();
        var r = f.Compute();
        Assert.Equal(RubricStatus.Partial, Get(r, "zero_knowledge").Status);
        Assert.Equal(RubricStatus.Pass, Get(r, "per_asset_liabilities").Status);
    }

    [Fact]
    public void FreshSignatures_ReplayableRow_Fails()
    {
        using var f = new ReportFixture();
        Assert.Equal(RubricStatus.Pass, Get(f.Compute(), "fresh_signatures").Status);
        var replay = ReportFixture.Result("2026-11", ReportFixture.Row(4, "BTC", "bitcoin", "bc1qstatic", 1, 8, true, replayable: true));
        var path = f.WriteReserves(replay);
        var r = SolvencyCalculator.Compute(Por.Liabilities.LiabilitiesVerifier.Verify(f.Bundle).Liabilities!, ReserveResultReader.Read(path), f.ReadPrices(), new ReportOptions(), null);
        var c = Get(r, "fresh_signatures");
        Assert.Equal(RubricStatus.Fail, c.Status);
        Assert.Contains("1 of 4", c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Coverage_UncoveredAsset_PartialWithReason()
    {
        using var f = new ReportFixture();
        var c = Get(f.Compute(), "coverage");
        Assert.Equal(RubricStatus.Partial, c.Status);
        Assert.Contains("USDT", c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Attestation_NoneInvalidValid_Graded()
    {
        Assert.Equal(RubricStatus.Fail, AttestationSummary.Criterion(null).Status);
        Assert.Equal(RubricStatus.Fail, AttestationSummary.Criterion(new AttestationSummary("A", "ed25519", "00", "t", false, AttestationFailure.SignatureInvalid) { Message = "bad" }).Status);
        Assert.Equal(RubricStatus.Pass, AttestationSummary.Criterion(new AttestationSummary("A", "ed25519", "00", "t", true, AttestationFailure.None)).Status);
    }
}
