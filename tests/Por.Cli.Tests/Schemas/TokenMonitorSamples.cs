// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Commands;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;

namespace Por.Cli.Tests.Schemas;

/// <summary>Documents of the token monitor's HTTP formats, produced by the code that serves them.</summary>
internal static class TokenMonitorSamples
{
    public static void Write(string directory)
    {
        var at = new DateTimeOffset(2026, 12, 6, 16, 0, 0, TimeSpan.Zero);
        var alert = new PendingAlert(0, new TokenAlert("usdx", "b:19000000", AlertKind.RatioBelowMargin, AlertState.Raised, "ratio", "reserves 999 < circulating supply 1000", at));
        File.WriteAllBytes(Path.Combine(directory, "alert.json"), AlertJson.Write(alert));

        IReadOnlyList<SupplyReading> supply = [new("ethereum", "0xaa", DeploymentRole.Canonical, 1, "0x01", at, 1_000_000, 0, 1_000_000, EvidenceFailure.None, "read")];
        IReadOnlyList<ReserveEvidence> reserves = [new("feed", EvidenceClass.ReserveFeed, 1_500_000, at, "round 1", EvidenceFailure.None, "feed")];
        var evaluation = new TokenEvaluation("usdx", 6, at, supply, reserves, 1_000_000, 1_500_000, 0, TokenStatus.Covered);
        var stored = new StoredEvaluation(new MonitorSlot(ScheduleKind.Seconds, at.ToUnixTimeSeconds()), evaluation, null);
        var rule = new UnusualMintRule(10, 99, TimeSpan.FromDays(30), 1);
        var allow = PreMintCheck.Decide(stored, 500_000, at.AddSeconds(5), TimeSpan.FromMinutes(10), rule, [400_000]);
        var deny = PreMintCheck.Decide(stored, 500_001, at.AddSeconds(5), TimeSpan.FromMinutes(10), rule, [400_000]);
        var none = PreMintCheck.Decide(null, 1, at, TimeSpan.FromMinutes(10), rule, []);
        File.WriteAllText(Path.Combine(directory, "mint-check-allow.json"), TokenMonitorServer.MintCheckAnswer("usdx", "500000", allow));
        File.WriteAllText(Path.Combine(directory, "mint-check-deny.json"), TokenMonitorServer.MintCheckAnswer("usdx", "500001", deny));
        File.WriteAllText(Path.Combine(directory, "mint-check-none.json"), TokenMonitorServer.MintCheckAnswer("usdx", "1", none));
    }
}
