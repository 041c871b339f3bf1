// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Reserves.Nodes;
using Por.Storage;
using Por.Testing;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;
using static Por.IntegrationTests.Abi;
using static Por.IntegrationTests.AnvilAccounts;
using static Por.IntegrationTests.MonitorFixtures;

namespace Por.IntegrationTests;

/// <summary>
/// The token monitor's loop on a real anvil (a scripted evaluator; decimals(), owner() and mint logs read from the
/// chain): change alerts, the unusual-mint rule, deduped conditions, node faults, resume without duplicate and gaps.
/// </summary>
public sealed class TokenMonitorAnvilTests(AnvilNode anvil) : IClassFixture<AnvilNode>
{
    private static readonly BigInteger s_usd = BigInteger.Pow(10, 6);

    [Fact]
    public async Task DecimalsAndOwnerChanges_AlertOnceEach()
    {
        using var dir = new TempDirectory();
        using var history = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        var token = await DeployAsync();
        var log = new RecordingMonitorLog();
        var target = Target(Chain(anvil), token, _ => Task.FromResult(Evaluation(100, 100)));
        var monitor = Monitor(target, history, log);

        Assert.NotNull(await monitor.RunOnceAsync(target, default));
        Assert.Empty(log.Alerts);
        await anvil.SendAsync(Address(0), token, Call("setDecimals(uint8)", Word(18)));
        Assert.NotNull(await monitor.RunOnceAsync(target, default));
        var changed = Assert.Single(log.Alerts);
        Assert.Equal((AlertKind.DecimalsChanged, AlertState.Event), (changed.Kind, changed.State));
        Assert.Contains("from 6 to 18", changed.Message, StringComparison.Ordinal);

        await anvil.MineAsync(1);
        Assert.NotNull(await monitor.RunOnceAsync(target, default));
        Assert.Single(log.Alerts); // no second alert for the same value

        await anvil.SendAsync(Address(0), token, Call("transferOwnership(address)", Word(Address(3))));
        Assert.NotNull(await monitor.RunOnceAsync(target, default));
        var owner = log.Alerts.Last();
        Assert.Equal(AlertKind.OwnerChanged, owner.Kind);
        Assert.Contains(Address(3)[2..].ToLowerInvariant(), owner.Message, StringComparison.Ordinal);

        // A restarted monitor compares with the history, not with nothing: no alert for unchanged values.
        var log2 = new RecordingMonitorLog();
        var restarted = Monitor(target, history, log2);
        await anvil.MineAsync(1);
        Assert.NotNull(await restarted.RunOnceAsync(target, default));
        Assert.Empty(log2.Alerts);
    }

    [Fact]
    public async Task UnusualMint_Pyusd300Trillion_Trips_UsualMintsDoNot()
    {
        using var dir = new TempDirectory();
        using var history = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        var token = await DeployAsync();
        foreach (var millions in new long[] { 300, 150, 50, 250, 100, 300 })
        {
            await MintAsync(token, millions * 1_000_000 * s_usd);
        }

        var log = new RecordingMonitorLog();
        var target = Target(Chain(anvil), token, _ => Task.FromResult(Evaluation(100, 100)));
        var monitor = Monitor(target, history, log, Options(backfill: 1_000));
        Assert.NotNull(await monitor.RunOnceAsync(target, default));
        Assert.Equal(6, history.Mints(TokenId).Count); // backfilled as history, not alerted
        Assert.Empty(log.Alerts);

        await MintAsync(token, 200_000_000 * s_usd);
        Assert.NotNull(await monitor.RunOnceAsync(target, default));
        Assert.Empty(log.Alerts);

        await MintAsync(token, 300_000_000_000_000 * s_usd);
        Assert.NotNull(await monitor.RunOnceAsync(target, default));
        var alert = Assert.Single(log.Alerts);
        Assert.Equal((AlertKind.UnusualMint, AlertState.Event), (alert.Kind, alert.State));
        Assert.Contains("300000000000000000000", alert.Message, StringComparison.Ordinal);
        Assert.Contains("> 10 × p99 (300000000000000)", alert.Message, StringComparison.Ordinal);
        Assert.Equal(8, history.Mints(TokenId).Count);
    }

    [Fact]
    public async Task UnusualMint_FirstEverMint_WithoutHistory_Alerts()
    {
        using var dir = new TempDirectory();
        using var history = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        var token = await DeployAsync();
        var log = new RecordingMonitorLog();
        var target = Target(Chain(anvil), token, _ => Task.FromResult(Evaluation(100, 100)));
        var monitor = Monitor(target, history, log);
        Assert.NotNull(await monitor.RunOnceAsync(target, default));
        await MintAsync(token, 5);
        Assert.NotNull(await monitor.RunOnceAsync(target, default));
        var alert = Assert.Single(log.Alerts);
        Assert.Equal(AlertKind.UnusualMint, alert.Kind);
        Assert.Contains("no distribution", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conditions_AlertWhenTheyStartAndClear_NodeFaultsBecomeEvidenceFailed()
    {
        using var dir = new TempDirectory();
        using var history = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        var token = await DeployAsync();
        var script = new Queue<Func<TokenEvaluation>>(
        [
            () => Evaluation(100, 100, marginBp: 100),   // below margin: raised
            () => Evaluation(100, 99),                   // still below (undercollateralised): nothing new
            () => Evaluation(100, 101, marginBp: 100),   // covered: cleared
            () => throw new NodeException(NodeFailureKind.Unreachable, "custody node at 127.0.0.1:9 refused"),
            () => throw new NodeException(NodeFailureKind.Unreachable, "custody node at 127.0.0.1:9 refused"),
            () => Evaluation(100, 100, reserveFailure: EvidenceFailure.Stale),
            () => Evaluation(100, 100),
        ]);
        var log = new RecordingMonitorLog();
        var state = new MonitorState();
        var target = Target(Chain(anvil), token, _ => Task.FromResult(script.Dequeue()()));
        var monitor = Monitor(target, history, log, state: state);
        var alertsPerSlot = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var before = log.Alerts.Count;
            await anvil.MineAsync(1);
            Assert.NotNull(await monitor.RunOnceAsync(target, default));
            alertsPerSlot.Add(string.Join(",", log.Alerts.Skip(before).Select(a => $"{AlertRules.Code(a.Kind)}:{AlertRules.Code(a.State)}:{a.Subject}")));
        }

        Assert.Equal(
            [
                "ratio_below_margin:raised:ratio",
                "",
                "ratio_below_margin:cleared:ratio",
                "evidence_failed:raised:evaluation",
                "stale_evidence:raised:reserve feed,evidence_failed:cleared:evaluation",
                "stale_evidence:cleared:reserve feed",
            ],
            alertsPerSlot);
        var failed = history.Evaluations(TokenId)[3];
        Assert.Equal(TokenStatus.EvidenceFailed, failed.Evaluation.Status);
        Assert.Contains("custody node at 127.0.0.1:9 refused", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(2, log.Faults.Count(f => f.Source == "evaluation"));
        Assert.Equal(2, state.NodeFaults[(TokenId, "evaluation")]);
        Assert.Null(TokenHistoryStore.Ratio(failed.Evaluation));
    }

    [Fact]
    public async Task WatchedChainDown_IsAConditionNamingIt_AndMintScanResumesWithoutLoss()
    {
        using var dir = new TempDirectory();
        using var history = TokenHistoryStore.OpenSqlite(dir.File("h.sqlite"));
        var token = await DeployAsync();
        var log = new RecordingMonitorLog();
        var up = Chain(anvil);
        var target = Target(up, token, _ => Task.FromResult(Evaluation(100, 100)));
        Assert.NotNull(await Monitor(target, history, log).RunOnceAsync(target, default));

        // The watched deployment's chain goes down (its node is unreachable); the schedule's chain is still up.
        await MintAsync(token, 7);
        var down = target with { Deployments = [new MonitorDeployment(DeadChain("anvil"), token, 6)] };
        var monitor = Monitor(down, history, log);
        Assert.NotNull(await monitor.RunOnceAsync(down, default));
        var raised = log.Alerts.Last();
        Assert.Equal((AlertKind.EvidenceFailed, AlertState.Raised, "watch anvil"), (raised.Kind, raised.State, raised.Subject));
        Assert.Contains(log.Faults, f => f.Source == "watch anvil");
        Assert.Empty(history.Mints(TokenId));

        // Back up: the mint made while it was down is read, and the condition clears.
        await anvil.MineAsync(1);
        var again = Monitor(target, history, log);
        Assert.NotNull(await again.RunOnceAsync(target, default));
        Assert.Equal(7, Assert.Single(history.Mints(TokenId)).Amount);
        Assert.Contains(log.Alerts, a => a.Kind == AlertKind.EvidenceFailed && a.State == AlertState.Cleared && a.Subject == "watch anvil");
    }

    [Fact]
    public async Task Restart_NoDuplicate_GapRecorded_MintsOfTheGapRead()
    {
        using var dir = new TempDirectory();
        var file = dir.File("h.sqlite");
        var token = await DeployAsync();
        var target = Target(Chain(anvil), token, _ => Task.FromResult(Evaluation(100, 100)));
        MonitorSlot first;
        using (var history = TokenHistoryStore.OpenSqlite(file))
        {
            first = (await Monitor(target, history, new RecordingMonitorLog()).RunOnceAsync(target, default))!;
        }

        using var reopened = TokenHistoryStore.OpenSqlite(file);
        var log = new RecordingMonitorLog();
        var monitor = Monitor(target, reopened, log);
        Assert.Null(await monitor.RunOnceAsync(target, default)); // same slot: not evaluated again
        Assert.Single(reopened.Evaluations(TokenId));

        for (var i = 0; i < 3; i++)
        {
            await MintAsync(token, 10 + i); // three blocks while "down"
        }

        var otherLog = new RecordingMonitorLog();
        var other = Monitor(target, reopened, otherLog); // a second process, resumed at the same point
        var next = await monitor.RunOnceAsync(target, default);
        Assert.Equal(first.Start + 3, next!.Start);
        var gap = log.Alerts.Single(a => a.Kind == AlertKind.MonitorGap);
        Assert.Contains("2 slot(s)", gap.Message, StringComparison.Ordinal);
        Assert.Equal([10, 11, 12], reopened.Mints(TokenId).Select(m => (int)m.Amount));
        Assert.Equal([first.Key, next.Key], reopened.Evaluations(TokenId).Select(e => e.Slot.Key));

        // The second process evaluates the same slot: its store is refused and nothing is written twice.
        Assert.Null(await other.RunOnceAsync(target, default));
        Assert.Equal(next, Assert.Single(otherLog.Duplicates));
        Assert.Equal(2, reopened.Evaluations(TokenId).Count);
        Assert.Equal(3, reopened.Mints(TokenId).Count);
    }

    [Fact]
    public async Task Postgres_Restart_NoDuplicate_GapRecorded_SameAsSqlite()
    {
        var connection = Environment.GetEnvironmentVariable("POR_TEST_PG");
        if (string.IsNullOrEmpty(connection))
        {
            RequiredTool.Missing("POR_TEST_PG is not set: no PostgreSQL server to test against (.ci/run starts a throwaway cluster and sets it)");
        }

        var schema = "por_it_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(connection, $"create schema {schema}");
        try
        {
            var scoped = new Npgsql.NpgsqlConnectionStringBuilder(connection) { SearchPath = schema }.ToString();
            var token = await DeployAsync();
            var target = Target(Chain(anvil), token, _ => Task.FromResult(Evaluation(BigInteger.Pow(10, 40), BigInteger.Pow(10, 40) + 1)));
            MonitorSlot first;
            using (var history = TokenHistoryStore.OpenPostgres(scoped))
            {
                first = (await Monitor(target, history, new RecordingMonitorLog()).RunOnceAsync(target, default))!;
            }

            using var reopened = TokenHistoryStore.OpenPostgres(scoped);
            var log = new RecordingMonitorLog();
            var monitor = Monitor(target, reopened, log);
            Assert.Null(await monitor.RunOnceAsync(target, default));
            var otherLog = new RecordingMonitorLog();
            var other = Monitor(target, reopened, otherLog);
            await MintAsync(token, 10);
            await MintAsync(token, 11);
            var next = await monitor.RunOnceAsync(target, default);
            Assert.Equal(first.Start + 2, next!.Start);
            Assert.Contains(log.Alerts, a => a.Kind == AlertKind.MonitorGap);
            Assert.Null(await other.RunOnceAsync(target, default));
            Assert.Equal(next, Assert.Single(otherLog.Duplicates));
            var stored = reopened.Evaluations(TokenId);
            Assert.Equal([first.Key, next.Key], stored.Select(e => e.Slot.Key));
            Assert.Equal(BigInteger.Pow(10, 40) + 1, stored[1].Evaluation.TotalReserves);
            Assert.Equal([10, 11], reopened.Mints(TokenId).Select(m => (int)m.Amount));
        }
        finally
        {
            await ExecuteAsync(connection, $"drop schema {schema} cascade");
        }
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        using var c = new Npgsql.NpgsqlConnection(connection);
        await c.OpenAsync().ConfigureAwait(false);
        using var cmd = new Npgsql.NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private async Task<string> DeployAsync() => await anvil.DeployAsync(Address(0), "PorTestMonitoredToken", Word(6)).ConfigureAwait(false);

    private async Task MintAsync(string token, BigInteger amount) =>
        await anvil.SendAsync(Address(0), token, Call("mint(address,uint256)", Word(Address(1)), Uint(amount))).ConfigureAwait(false);
}
