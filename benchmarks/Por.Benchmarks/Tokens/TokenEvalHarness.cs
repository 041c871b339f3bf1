// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Por.Testing;
using Por.Tokens;
using Por.Tokens.Model;
using Por.Tokens.Registry;

namespace Por.Benchmarks.Tokens;

/// <summary>
/// <c>token-eval [runs] [chains] [addresses]</c> (issue 14 point 7): one <see cref="TokenEvaluator"/> evaluation of a
/// token deployed on <c>chains</c> EVM chains (one canonical, the rest burn-and-mint, one treasury exclusion each) with
/// one <c>evm_custody</c> source per chain listing <c>addresses</c> custody addresses, against in-process fake nodes
/// on loopback (<see cref="FakeEvmChainServer"/>). Every run (warm-up included) is checked to be <c>covered</c> with the
/// exact supply and reserves the generator implies, and to make the same number of JSON-RPC calls; then the median wall
/// time of the timed runs is printed with the machine, date and load. Defaults: 7 runs, 10 chains, 100 addresses.
/// </summary>
internal static class TokenEvalHarness
{
    private const int TokenDecimals = 6;
    private const long BaseChainId = 7_000;
    private const long BaseTip = 20_000_000;
    private const int ReorgMargin = 10;
    private static readonly BigInteger s_unit18To6 = BigInteger.Pow(10, 12);

    /// <summary>Runs the benchmark.</summary>
    /// <param name="args">[runs] [chains] [addresses].</param>
    /// <returns>0 when every run was correct; 1 otherwise.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var chains = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var addresses = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        if (runs < 1 || chains < 1 || addresses < 1 || addresses > 10_000)
        {
            await Console.Error.WriteLineAsync("usage: token-eval [runs ≥ 1] [chains ≥ 1] [addresses 1–10000]").ConfigureAwait(false);
            return 2;
        }

        Console.WriteLine($"token-eval: {chains} chains × {addresses} custody addresses, {runs} timed run(s) after 1 warm-up");
        Console.WriteLine($"machine: {CpuModel()}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"date: {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC; load average before: {Load()}");

        var servers = new List<FakeEvmChainServer>(chains);
        try
        {
            var start = DateTimeOffset.UtcNow;
            BigInteger expectedSupply = 0, expectedReserves = 0;
            var expectedPerSource = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
            var registry = new JsonObject { ["format"] = "por-token-registry/1" };
            var chainsJson = new JsonObject();
            var deployments = new JsonArray();
            var exclusions = new JsonArray();
            var reserves = new JsonArray();
            for (var i = 0; i < chains; i++)
            {
                var name = "chain-" + i.ToString(CultureInfo.InvariantCulture);
                var server = FakeEvmChainServer.Start(name, BaseChainId + i, BaseTip + i, start);
                servers.Add(server);
                chainsJson[name] = new JsonObject
                {
                    ["family"] = "evm",
                    ["chain_id"] = BaseChainId + i,
                    ["reorg_margin"] = ReorgMargin,
                    ["node"] = new JsonObject { ["kind"] = "evm", ["url"] = server.Url.ToString(), ["max_attempts"] = 1 },
                };

                // The token: canonical on chain 0, burn-and-mint elsewhere; one treasury exclusion per deployment.
                var token = AddressOf("token", i, 0);
                var treasury = AddressOf("treasury", i, 0);
                var totalSupply = new BigInteger(1_000_000_000_000) + (i * 7_919);
                var treasuryBalance = new BigInteger(1_000_000) + i;
                server.AddToken(token, TokenDecimals, totalSupply, new Dictionary<string, BigInteger>(StringComparer.Ordinal) { [treasury] = treasuryBalance });
                expectedSupply += totalSupply - treasuryBalance;
                deployments.Add(new JsonObject
                {
                    ["id"] = "d" + i.ToString(CultureInfo.InvariantCulture),
                    ["chain"] = name,
                    ["contract"] = token,
                    ["decimals"] = TokenDecimals,
                    ["role"] = i == 0 ? "canonical" : "burn_and_mint",
                });
                exclusions.Add(new JsonObject
                {
                    ["deployment"] = "d" + i.ToString(CultureInfo.InvariantCulture),
                    ["address"] = treasury,
                    ["kind"] = "treasury",
                    ["reason"] = "issuer treasury: minted, not issued",
                });

                // Reserves: a stablecoin held by the custody addresses; 6 decimals on even chains, 18 (with dust that
                // rounds down) on odd ones.
                var asset = AddressOf("reserve-asset", i, 0);
                var assetDecimals = i % 2 == 0 ? 6 : 18;
                var holdings = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
                var custody = new JsonArray();
                BigInteger raw = 0;
                for (var a = 0; a < addresses; a++)
                {
                    var holder = AddressOf("custody", i, a);
                    var whole = new BigInteger(1_000_000_000_000 / addresses) + (i * 1_000) + a;
                    var balance = assetDecimals == 6 ? whole : (whole * s_unit18To6) + a + 1;
                    holdings[holder] = balance;
                    raw += balance;
                    custody.Add(new JsonObject { ["address"] = holder });
                }

                server.AddToken(asset, assetDecimals, raw, holdings);
                var sourceId = "custody-" + i.ToString(CultureInfo.InvariantCulture);
                var scaled = assetDecimals == 6 ? raw : raw / s_unit18To6;
                expectedPerSource[sourceId] = scaled;
                expectedReserves += scaled;
                reserves.Add(new JsonObject
                {
                    ["id"] = sourceId,
                    ["kind"] = "evm_custody",
                    ["chain"] = name,
                    ["asset"] = asset,
                    ["decimals"] = assetDecimals,
                    ["max_age_seconds"] = 3_600,
                    ["addresses"] = custody,
                });
            }

            registry["chains"] = chainsJson;
            registry["tokens"] = new JsonArray(new JsonObject
            {
                ["id"] = "usdx",
                ["decimals"] = TokenDecimals,
                ["margin_bps"] = 0,
                ["deployments"] = deployments,
                ["exclusions"] = exclusions,
                ["reserves"] = reserves,
            });

            var parsed = TokenRegistryReader.Parse(Encoding.UTF8.GetBytes(registry.ToJsonString()), "token-eval-registry.json");
            using var nodes = new ChainNodes(parsed, Environment.GetEnvironmentVariable);
            var evaluator = new TokenEvaluator(parsed, StandardReserveReaders.Create(), nodes);
            Console.WriteLine($"expected: circulating supply {expectedSupply}, reserves {expectedReserves} (base units, {TokenDecimals} decimals), status covered");

            return await TimeAsync(evaluator, servers, runs, chains, expectedSupply, expectedReserves, expectedPerSource).ConfigureAwait(false);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> TimeAsync(TokenEvaluator evaluator, List<FakeEvmChainServer> servers, int runs, int chains, BigInteger expectedSupply, BigInteger expectedReserves, Dictionary<string, BigInteger> expectedPerSource)
    {
        long? callsPerEvaluation = null;
        long? httpPerEvaluation = null;
        var times = new List<double>(runs);
        for (var run = 0; run <= runs; run++)
        {
            var callsBefore = servers.Sum(s => s.Calls);
            var httpBefore = servers.Sum(s => s.HttpRequests);
            var watch = Stopwatch.StartNew();
            var evaluation = await evaluator.EvaluateAsync("usdx", CancellationToken.None).ConfigureAwait(false);
            watch.Stop();
            var calls = servers.Sum(s => s.Calls) - callsBefore;
            var http = servers.Sum(s => s.HttpRequests) - httpBefore;
            if (Problem(evaluation, expectedSupply, expectedReserves, expectedPerSource, chains) is { } problem)
            {
                await Console.Error.WriteLineAsync($"run {run}: the evaluation is not the expected covered result: {problem}").ConfigureAwait(false);
                return 1;
            }

            if (callsPerEvaluation is { } c && (c != calls || httpPerEvaluation != http))
            {
                await Console.Error.WriteLineAsync($"run {run}: {calls} JSON-RPC calls in {http} HTTP requests, the warm-up made {c} in {httpPerEvaluation}").ConfigureAwait(false);
                return 1;
            }

            callsPerEvaluation = calls;
            httpPerEvaluation = http;
            var label = run == 0 ? "warm-up" : "run " + run.ToString(CultureInfo.InvariantCulture);
            Console.WriteLine($"{label}: {watch.Elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms, covered, supply {evaluation.CirculatingSupply}, reserves {evaluation.TotalReserves}");
            if (run > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        Console.WriteLine($"JSON-RPC per evaluation: {callsPerEvaluation} calls in {httpPerEvaluation} HTTP requests ({(double)callsPerEvaluation!.Value / chains:F1} per chain)");
        Console.WriteLine($"median of {runs}: {median.ToString("F1", CultureInfo.InvariantCulture)} ms (min {times[0].ToString("F1", CultureInfo.InvariantCulture)}, max {times[^1].ToString("F1", CultureInfo.InvariantCulture)}); target ≤ 2000 ms: {(median <= 2000 ? "met" : "MISSED")}");
        var byMethod = servers.SelectMany(s => s.CallsByMethod).GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        Console.WriteLine("calls by method per evaluation: " + string.Join(", ", byMethod.Select(g => $"{g.Key} {g.Sum(p => p.Value) / (runs + 1)}")));
        Console.WriteLine($"load average after: {Load()}");
        return 0;
    }

    // Null when the evaluation is exactly the expected one.
    private static string? Problem(TokenEvaluation evaluation, BigInteger supply, BigInteger reserves, Dictionary<string, BigInteger> perSource, int chains)
    {
        if (evaluation.Status != TokenStatus.Covered)
        {
            return $"status {evaluation.Status}; failed: {string.Join("; ", evaluation.FailedEvidence)}";
        }

        if (evaluation.Supply.Count != chains || evaluation.Supply.Any(r => r.Failure != EvidenceFailure.None))
        {
            return $"{evaluation.Supply.Count} supply readings, expected {chains} usable ones";
        }

        if (evaluation.Reserves.Count != perSource.Count)
        {
            return $"{evaluation.Reserves.Count} reserve evidences, expected {perSource.Count}";
        }

        foreach (var evidence in evaluation.Reserves)
        {
            if (evidence.Failure != EvidenceFailure.None || !perSource.TryGetValue(evidence.SourceId, out var amount) || evidence.Amount != amount)
            {
                return $"source {evidence.SourceId}: {evidence.Failure}, amount {evidence.Amount}";
            }
        }

        return evaluation.CirculatingSupply != supply || evaluation.TotalReserves != reserves
            ? $"supply {evaluation.CirculatingSupply} (expected {supply}), reserves {evaluation.TotalReserves} (expected {reserves})"
            : null;
    }

    private static string AddressOf(string role, int chain, int index) =>
        "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"token-eval {role} {chain.ToString(CultureInfo.InvariantCulture)} {index.ToString(CultureInfo.InvariantCulture)}")).AsSpan(0, 20));

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    private static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
