// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Tokens.Model;

namespace Por.Tokens.Tests.Model;

public sealed class TokenEvaluationTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1_000_000, 1_000_000, 0, TokenStatus.Covered)]
    [InlineData(1_000_000, 999_999, 0, TokenStatus.Undercollateralized)]
    [InlineData(1_000_000, 1_009_999, 100, TokenStatus.BelowMargin)]
    [InlineData(1_000_000, 1_010_000, 100, TokenStatus.Covered)]
    [InlineData(0, 0, 0, TokenStatus.Covered)]
    public void StatusOf_ComparesExactlyWithTheMargin(long supply, long reserves, int margin, TokenStatus expected)
    {
        var status = TokenEvaluation.StatusOf([Supply(EvidenceFailure.None)], [Reserve(EvidenceFailure.None)], supply, reserves, margin);
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData(EvidenceFailure.Stale)]
    [InlineData(EvidenceFailure.Unclocked)]
    [InlineData(EvidenceFailure.Incomplete)]
    [InlineData(EvidenceFailure.Ripcord)]
    public void StatusOf_ReportsNoRatio_WhenAnyEvidenceFailed(EvidenceFailure failure)
    {
        BigInteger plenty = BigInteger.Pow(10, 30);
        Assert.Equal(TokenStatus.EvidenceFailed, TokenEvaluation.StatusOf([Supply(EvidenceFailure.None)], [Reserve(failure)], 1, plenty, 0));
        Assert.Equal(TokenStatus.EvidenceFailed, TokenEvaluation.StatusOf([Supply(failure)], [Reserve(EvidenceFailure.None)], 1, plenty, 0));
        Assert.Equal(TokenStatus.EvidenceFailed, TokenEvaluation.StatusOf([], [Reserve(EvidenceFailure.None)], 1, plenty, 0));
        Assert.Equal(TokenStatus.EvidenceFailed, TokenEvaluation.StatusOf([Supply(EvidenceFailure.None)], [], 1, plenty, 0));
    }

    private static SupplyReading Supply(EvidenceFailure failure) =>
        new("ethereum", "0x00", DeploymentRole.Canonical, 1, "0x01", s_at, 1, 0, 1, failure, "test");

    private static ReserveEvidence Reserve(EvidenceFailure failure) =>
        new("custody", EvidenceClass.OnChainDeclared, 1, s_at, "block 1", failure, "test");
}
