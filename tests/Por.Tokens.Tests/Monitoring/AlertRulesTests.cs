// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;
using Por.Tokens.Monitoring;

namespace Por.Tokens.Tests.Monitoring;

public sealed class AlertRulesTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Conditions_NameEachFailedSourceByKind()
    {
        var e = Evaluation(TokenStatus.EvidenceFailed, EvidenceFailure.None, [EvidenceFailure.Stale, EvidenceFailure.Ripcord, EvidenceFailure.NonPositiveAnswer, EvidenceFailure.NodeFault, EvidenceFailure.Unclocked]);
        var c = AlertRules.Conditions(e);
        Assert.Equal(
            [(AlertKind.StaleEvidence, "reserve r0"), (AlertKind.Ripcord, "reserve r1"), (AlertKind.NonPositiveAnswer, "reserve r2"), (AlertKind.EvidenceFailed, "reserve r3"), (AlertKind.StaleEvidence, "reserve r4")],
            c.Select(x => (x.Kind, x.Subject)));
        Assert.Contains("node_fault", c[3].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TokenStatus.BelowMargin, true)]
    [InlineData(TokenStatus.Undercollateralized, true)]
    [InlineData(TokenStatus.Covered, false)]
    public void Conditions_RatioBelowMargin(TokenStatus status, bool expected)
    {
        var c = AlertRules.Conditions(Evaluation(status, EvidenceFailure.None, [EvidenceFailure.None]));
        Assert.Equal(expected, c.Any(x => x.Kind == AlertKind.RatioBelowMargin));
    }

    [Fact]
    public void Transitions_RaiseOnce_ClearOnce()
    {
        var ratio = new AlertCondition(AlertKind.RatioBelowMargin, "ratio", "below");
        var stale = new AlertCondition(AlertKind.StaleEvidence, "reserve feed", "stale");
        var first = AlertRules.Transitions("t", "b:1", s_at, [], [ratio]);
        Assert.Equal(AlertState.Raised, Assert.Single(first).State);
        Assert.Empty(AlertRules.Transitions("t", "b:2", s_at, [ratio], [ratio with { Message = "still below" }]));
        var third = AlertRules.Transitions("t", "b:3", s_at, [ratio], [stale]);
        Assert.Equal([(AlertKind.StaleEvidence, AlertState.Raised), (AlertKind.RatioBelowMargin, AlertState.Cleared)], third.Select(a => (a.Kind, a.State)));
    }

    [Fact]
    public void Codes_RoundTrip()
    {
        foreach (var kind in Enum.GetValues<AlertKind>())
        {
            Assert.True(AlertRules.TryParse<AlertKind>(AlertRules.Code(kind), out var back));
            Assert.Equal(kind, back);
        }

        Assert.Equal("ratio_below_margin", AlertRules.Code(AlertKind.RatioBelowMargin));
        Assert.Equal("evidence_failed", AlertRules.Code(TokenStatus.EvidenceFailed));
    }

    private static TokenEvaluation Evaluation(TokenStatus status, EvidenceFailure supply, EvidenceFailure[] reserves) => new(
        "usdx", 6, s_at,
        [new SupplyReading("ethereum", "0xaa", DeploymentRole.Canonical, 1, "0x01", s_at, 100, 0, 100, supply, "read")],
        [.. reserves.Select((f, i) => new ReserveEvidence($"r{i}", EvidenceClass.ReserveFeed, 100, s_at, "round 1", f, "feed"))],
        100, 100, 0, status);
}
