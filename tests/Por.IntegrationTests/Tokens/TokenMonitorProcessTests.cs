// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Por.Storage;
using Por.Testing;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;

namespace Por.IntegrationTests.Tokens;

/// <summary>
/// <c>por token monitor</c> as a real process (<c>dotnet por.dll</c>) against a loopback EVM node whose blocks the test
/// mines one at a time (<c>--every-blocks 1</c>, reorg margin 0: every block is a slot). The node holds the custody
/// <c>balanceOf</c> batch of a new slot unanswered, so the test knows an evaluation is in flight, and then: kills the
/// process with SIGKILL (by PID) and restarts it on the same history; stops it with SIGTERM (exit 0, nothing of the
/// in-flight slot stored) and restarts it again. The chain does not move while the monitor is down, so the resume rule
/// must give exactly one complete evaluation per block from the first to the last: no gap, no duplicate, no
/// <c>monitor_gap</c> or <c>duplicate_slot</c>. On SQLite, and on PostgreSQL when POR_TEST_PG is set.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TokenMonitorProcessTests
{
    private const long ChainId = 5_151;
    private const long FirstTip = 2_000;
    private const string BalanceOf = "eth_call 0x70a08231";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private static readonly BigInteger s_supply = 5_000_000_000;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task SigkillMidEvaluation_AndSigtermMidEvaluation_ResumeWithNoGapAndNoDuplicate(string backend)
    {
        using var dir = new TempDirectory();
        string? schema = null;
        string[] historyArgs;
        if (backend == "sqlite")
        {
            historyArgs = ["--history", dir.File("history.sqlite")];
        }
        else
        {
            var connection = Environment.GetEnvironmentVariable("POR_TEST_PG");
            if (string.IsNullOrEmpty(connection))
            {
                RequiredTool.Missing("POR_TEST_PG is not set: no PostgreSQL server to test against (.ci/run starts a throwaway cluster and sets it)");
            }

            schema = "por_it_" + Guid.NewGuid().ToString("N")[..12];
            Execute(connection, $"create schema {schema}");
            historyArgs = ["--history-pg", new NpgsqlConnectionStringBuilder(connection) { SearchPath = schema }.ToString()];
        }

        await using var node = FakeEvmChainServer.Start("monitor-crash", ChainId, FirstTip, DateTimeOffset.UtcNow.AddMinutes(-5), blockSeconds: 1);
        var (registry, reserves) = WriteRegistry(dir, node);
        var output = new StringBuilder();
        var processes = new List<Process>();
        try
        {
            Process Start() => StartMonitor(output, processes, [.. historyArgs, "--registry", registry, "--every-blocks", "1", "--listen", "127.0.0.1:" + FreePort().ToString(CultureInfo.InvariantCulture)]);

            // Run 1: the first slot and two more, then SIGKILL while the next slot's custody batch is held.
            var first = Start();
            await Evaluated(output, first, FirstTip);
            for (var i = 0; i < 2; i++)
            {
                await Evaluated(output, first, node.Advance());
            }

            var killedSlot = await InFlight(node, first, output);
            Signal(first, "KILL");
            Assert.True(Exited(first), "SIGKILL did not end the monitor");
            Assert.Equal(137, first.ExitCode);
            node.Release();
            Assert.DoesNotContain(Line(killedSlot), Text(output), StringComparison.Ordinal);

            // Run 2 resumes after the last stored slot: the killed slot (still current) is evaluated, once.
            var second = Start();
            await Evaluated(output, second, killedSlot);
            await Evaluated(output, second, node.Advance());

            // SIGTERM while the next slot's custody batch is held: exit 0, nothing of that slot stored.
            var stoppedSlot = await InFlight(node, second, output);
            Signal(second, "TERM");
            Assert.True(Exited(second), "SIGTERM did not stop the monitor:\n" + Text(output));
            Assert.True(second.ExitCode == 0, $"SIGTERM: exit {second.ExitCode}\n{Text(output)}");
            node.Release();
            Assert.DoesNotContain(Line(stoppedSlot), Text(output), StringComparison.Ordinal);
            Assert.Contains("token monitor stopped: signal", Text(output), StringComparison.Ordinal);

            // Run 3 evaluates the abandoned slot and one more; SIGTERM while idle also exits 0.
            var third = Start();
            await Evaluated(output, third, stoppedSlot);
            var last = node.Advance();
            await Evaluated(output, third, last);
            Signal(third, "TERM");
            Assert.True(Exited(third), "SIGTERM did not stop the idle monitor");
            Assert.Equal(0, third.ExitCode);

            // The history: one complete, covered evaluation per block from the first to the last, nothing else.
            using var history = backend == "sqlite" ? TokenHistoryStore.OpenSqlite(dir.File("history.sqlite")) : TokenHistoryStore.OpenPostgres(historyArgs[1]);
            var stored = history.Evaluations("usdx");
            Assert.Equal(Enumerable.Range(0, (int)(last - FirstTip + 1)).Select(i => "b:" + (FirstTip + i).ToString(CultureInfo.InvariantCulture)), stored.Select(e => e.Slot.Key));
            foreach (var e in stored)
            {
                Assert.Equal(TokenStatus.Covered, e.Evaluation.Status);
                Assert.Null(e.Detail);
                var supply = Assert.Single(e.Evaluation.Supply);
                Assert.Equal(e.Slot.Start, supply.Height);
                Assert.Equal(s_supply, e.Evaluation.CirculatingSupply);
                var reserve = Assert.Single(e.Evaluation.Reserves);
                Assert.Equal((EvidenceFailure.None, reserves), (reserve.Failure, reserve.Amount));
                Assert.Contains($"block {e.Slot.Start.ToString(CultureInfo.InvariantCulture)} ", reserve.Reference, StringComparison.Ordinal);
            }

            var alerts = history.Alerts("usdx");
            Assert.DoesNotContain(alerts, a => a.Alert.Kind == AlertKind.MonitorGap);
            Assert.DoesNotContain("duplicate_slot", Text(output), StringComparison.Ordinal);
            Assert.Equal(2, Count(Text(output), "resuming after slot"));
        }
        finally
        {
            node.Release();
            foreach (var p in processes)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }

                await p.WaitForExitAsync(CancellationToken.None);
                p.Dispose();
            }

            if (schema is not null)
            {
                Execute(Environment.GetEnvironmentVariable("POR_TEST_PG")!, $"drop schema {schema} cascade");
            }
        }
    }

    // Holds the custody balanceOf batch, mines one block, and waits until the monitor's evaluation of it asks for the
    // balances: that slot's evaluation is then in flight.
    private static async Task<long> InFlight(FakeEvmChainServer node, Process monitor, StringBuilder output)
    {
        var held = node.Hold(BalanceOf);
        var slot = node.Advance();
        var done = await Task.WhenAny(held, monitor.WaitForExitAsync(), Task.Delay(s_wait)).ConfigureAwait(false);
        Assert.True(done == held, $"the monitor did not start evaluating block {slot}:\n{Text(output)}");
        return slot;
    }

    private static async Task Evaluated(StringBuilder output, Process monitor, long slot)
    {
        var clock = Stopwatch.StartNew();
        while (!Text(output).Contains(Line(slot), StringComparison.Ordinal))
        {
            Assert.False(monitor.HasExited, $"the monitor exited ({(monitor.HasExited ? monitor.ExitCode : 0)}) before evaluating block {slot}:\n{Text(output)}");
            Assert.True(clock.Elapsed < s_wait, $"block {slot} was not evaluated within {s_wait.TotalSeconds} s:\n{Text(output)}");
            await Task.Delay(25, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }
    }

    // The timed WaitForExit can return before the asynchronous readers have delivered the last lines (the stop message
    // among them); the untimed one, called once the process is gone, waits for both streams to reach end of file.
    private static bool Exited(Process process)
    {
        if (!process.WaitForExit(s_wait))
        {
            return false;
        }

        process.WaitForExit();
        return true;
    }

    private static string Line(long slot) => $"usdx b:{slot.ToString(CultureInfo.InvariantCulture)}: covered";

    private static int Count(string text, string what) => text.Split(what).Length - 1;

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static (string Registry, BigInteger Reserves) WriteRegistry(TempDirectory dir, FakeEvmChainServer node)
    {
        var token = Address("token");
        var asset = Address("asset");
        node.AddToken(token, 6, s_supply, new Dictionary<string, BigInteger>(StringComparer.Ordinal));
        var holdings = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        var custody = new JsonArray();
        for (var i = 0; i < 5; i++)
        {
            var holder = Address("custody " + i.ToString(CultureInfo.InvariantCulture));
            holdings[holder] = 1_000_000_007 + i;
            custody.Add((JsonNode)new JsonObject { ["address"] = holder });
        }

        node.AddToken(asset, 6, holdings.Values.Aggregate(BigInteger.Zero, (a, b) => a + b), holdings);
        var registry = new JsonObject
        {
            ["format"] = "por-token-registry/1",
            ["chains"] = new JsonObject
            {
                ["fake"] = new JsonObject
                {
                    ["family"] = "evm",
                    ["chain_id"] = ChainId,
                    ["reorg_margin"] = 0,
                    ["node"] = new JsonObject { ["kind"] = "evm", ["url"] = node.Url.ToString(), ["max_attempts"] = 1, ["timeout_seconds"] = 120 },
                },
            },
            ["tokens"] = new JsonArray((JsonNode)new JsonObject
            {
                ["id"] = "usdx",
                ["decimals"] = 6,
                ["margin_bps"] = 0,
                ["deployments"] = new JsonArray((JsonNode)new JsonObject { ["id"] = "d0", ["chain"] = "fake", ["contract"] = token, ["decimals"] = 6, ["role"] = "canonical" }),
                ["exclusions"] = new JsonArray(),
                ["reserves"] = new JsonArray((JsonNode)new JsonObject
                {
                    ["id"] = "vault",
                    ["kind"] = "evm_custody",
                    ["chain"] = "fake",
                    ["asset"] = asset,
                    ["decimals"] = 6,
                    ["max_age_seconds"] = 3_600,
                    ["batch_size"] = 2,
                    ["addresses"] = custody,
                }),
            }),
        };
        return (dir.Write("registry.json", registry.ToJsonString()), holdings.Values.Aggregate(BigInteger.Zero, (a, b) => a + b));
    }

    private static Process StartMonitor(StringBuilder output, List<Process> processes, string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "por.dll"));
        start.ArgumentList.Add("token");
        start.ArgumentList.Add("monitor");
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        processes.Add(process);
        var id = process.Id.ToString(CultureInfo.InvariantCulture);
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.Append('[').Append(id).Append("] ").AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Signal(Process process, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static void Execute(string connection, string sql)
    {
        using var c = new NpgsqlConnection(connection);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    private static string Address(string role) => "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("monitor-crash " + role)).AsSpan(0, 20));
}
