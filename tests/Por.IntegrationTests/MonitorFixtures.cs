// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Reserves.Nodes;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;

namespace Por.IntegrationTests;

/// <summary>Evaluations and monitor wiring for the token monitor's tests (the evaluator is replaced by a scripted one).</summary>
internal static class MonitorFixtures
{
    public const string TokenId = "usdx";
    private static readonly HttpClient s_http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static MonitorChain Chain(AnvilNode anvil, string name = "anvil") =>
        new(name, new HttpNodeTransport(s_http, anvil.Url, new RetryPolicy(2, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5))), 0);

    public static MonitorChain DeadChain(string name = "dead") =>
        new(name, new HttpNodeTransport(s_http, new Uri("http://127.0.0.1:9/"), new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2))), 0);

    public static TokenEvaluation Evaluation(BigInteger supply, BigInteger reserves, int marginBp = 0, EvidenceFailure reserveFailure = EvidenceFailure.None)
    {
        var at = DateTimeOffset.UtcNow;
        IReadOnlyList<SupplyReading> s = [new("anvil", "0xaa", DeploymentRole.Canonical, 1, "0x01", at, supply, 0, supply, EvidenceFailure.None, "scripted")];
        IReadOnlyList<ReserveEvidence> r = [new("feed", EvidenceClass.ReserveFeed, reserves, at, "round 1", reserveFailure, "scripted")];
        return new TokenEvaluation(TokenId, 6, at, s, r, supply, reserves, marginBp, TokenEvaluation.StatusOf(s, r, supply, reserves, marginBp));
    }

    public static MonitorTarget Target(MonitorChain chain, string token, Func<CancellationToken, Task<TokenEvaluation>> evaluate, int decimals = 6) =>
        new(TokenId, 6, chain, [new MonitorDeployment(chain, token, decimals)], [], evaluate);

    public static MonitorOptions Options(long backfill = 0, bool deliver = false, UnusualMintRule? rule = null) =>
        new(new MonitorSchedule(ScheduleKind.Blocks, 1), rule ?? UnusualMintRule.Default, TimeSpan.FromMilliseconds(50), 2, TimeSpan.FromMilliseconds(10), backfill, deliver);

    public static TokenMonitor Monitor(MonitorTarget target, ITokenHistory history, RecordingMonitorLog log, MonitorOptions? options = null, MonitorState? state = null, Action? wake = null) =>
        new([target], history, options ?? Options(), state ?? new MonitorState(), log, TimeProvider.System, wake ?? (() => { }));

    public static string Uint(BigInteger value) => value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0').PadLeft(64, '0');
}
