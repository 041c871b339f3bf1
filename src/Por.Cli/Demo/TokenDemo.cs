// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Reports;
using Por.Reports.Tokens;
using Por.Reserves.Bitcoin;
using Por.Reserves.Evm;
using Por.Reserves.Nodes;
using Por.Storage;
using Por.Tokens;
using Por.Tokens.MintGuard;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;
using Por.Tokens.Registry;
using Por.Tokens.Reserves;
using Por.Tokens.Statements;
using Por.Tokens.Units;

namespace Por.Cli.Demo;

/// <summary>
/// <c>por demo token</c> (docs/demo.md, "Token demo"): two tokens on a local anvil chain — a WBTC-like token whose BTC
/// custody is read from <see cref="DemoBitcoinServer"/> through the real btc_custody source, and a fiat-backed
/// stablecoin backed by a signed por-reserve-statement/1 — each a PorGuardedToken behind its own PorReserveFeed, walked
/// through three phases (healthy, under-collateralised, recovered). Each phase evaluates both tokens, stores the
/// evaluation in a token history, publishes the reserves to the feed with <see cref="ReserveFeedUpdater"/>, asks the
/// off-chain <see cref="MintRule"/> about a mint and sends that mint on chain. At the end each token's report is
/// written with <c>por token report</c>'s writer, and <c>summary.json</c> records what happened.
/// </summary>
internal static class TokenDemo
{
    /// <summary>The WBTC-like token's id.</summary>
    public const string WrappedId = "wbtc-demo";

    /// <summary>The stablecoin's id.</summary>
    public const string StableId = "usdx-demo";

    /// <summary>The summary file's name in the output directory.</summary>
    public const string SummaryFile = "summary.json";

    private const int Confirmations = 3;
    private const long MaxStalenessSeconds = 3600;
    private const long Btc = 100_000_000;
    private const long Usd = 1_000_000;
    private const string Issuer = "Demo Stablecoin Issuer Inc.";
    private const string Custodian = "Demo Custody Bank N.A.";
    private const string Outside = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";

    /// <summary>The mint recipient (the dev mnemonic's second account).</summary>
    private static readonly byte[] s_holder = Convert.FromHexString("70997970C51812dc3A010C7d01b50e0d17dc79C8");

    private static readonly string[] s_guardErrors =
    [
        "ReserveAnswerNotPositive(int256)", "ReserveFeedFromFuture(uint256,uint256)", "ReserveFeedStale(uint256,uint256,uint256)",
        "ReservesOutOfRange(int256,uint8,uint8)", "MintExceedsReserves(uint256,uint256,uint256)", "NotOwner(address)",
    ];

    /// <summary>Runs the demo into <paramref name="output"/> (which must not exist); exit 0 only when every step went as expected.</summary>
    /// <param name="ctx">Output.</param>
    /// <param name="output">The output directory.</param>
    /// <param name="anvil">The anvil executable.</param>
    /// <param name="cancellationToken">Cancellation (Ctrl-C).</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(CliContext ctx, string output, string anvil, CancellationToken cancellationToken)
    {
        var destination = Path.GetFullPath(output);
        var parent = Path.GetDirectoryName(destination) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(destination)}.staging-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        Directory.CreateDirectory(staging);
        var moved = false;
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var outcome = await WalkAsync(ctx, staging, anvil, cancellationToken).ConfigureAwait(false);
            var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            WriteSummary(Path.Combine(staging, SummaryFile), outcome, seconds);
            DirectorySwap.Replace(staging, destination);
            moved = true;
            Print(ctx, destination, outcome, seconds);
            return outcome.FailedStep is null ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }
        finally
        {
            if (!moved && Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static async Task<Outcome> WalkAsync(CliContext ctx, string dir, string anvilPath, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        ctx.Line("Starting anvil (a local EVM chain) and a loopback Bitcoin testnet (Esplora API)…");
        using var anvil = await AnvilProcess.StartAsync(anvilPath, http, ct).ConfigureAwait(false);
        var bitcoin = DemoBitcoinServer.Start(TimeProvider.System);
        await using var stopBitcoin = bitcoin.ConfigureAwait(false);
        var node = new HttpNodeTransport(http, anvil.Url, new RetryPolicy(2, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30)));

        // Keys, all from the OS CSPRNG: the feed updater (also the tokens' owner), the custodian, the BTC custody addresses.
        var updaterSecret = NewSecret();
        AtomicFile.Write(Path.Combine(dir, "updater.key"), System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(updaterSecret) + "\n"), privateFile: true, overwrite: false);
        var updaterKey = UpdaterKey.FromSecret(updaterSecret);
        await node.CallAsync("anvil_setBalance", new JsonArray(updaterKey.AddressText, "0x56bc75e2d63100000"), ct).ConfigureAwait(false);
        var custodian = StatementKey.Generate(StatementAlgorithm.Ed25519, Custodian);
        AtomicFile.Write(Path.Combine(dir, "custodian.key.json"), custodian.ToJson(includeSecret: true), privateFile: true, overwrite: false);
        AtomicFile.Write(Path.Combine(dir, "custodian.pub.json"), custodian.ToJson(includeSecret: false), privateFile: false, overwrite: false);

        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var period = new OwnershipPeriod(now.AddHours(-1), now.AddDays(30));
        var challenge = TokenOwnershipChallenge.For(WrappedId, "bitcoin", period);
        var (vaultA, proofA) = Bip322Signer.SignTaprootKeyPath(NewSecret(), challenge, BitcoinNetwork.Testnet);
        var (vaultB, proofB) = Bip322Signer.SignTaprootKeyPath(NewSecret(), challenge, BitcoinNetwork.Testnet);
        bitcoin.Pay(vaultA, 100 * Btc);
        var fundB = bitcoin.Pay(vaultB, 60 * Btc);
        bitcoin.Mine(Confirmations);

        var updater = new ReserveFeedUpdater(node, AnvilProcess.ChainId, updaterKey);
        var wrapped = await DeployAsync(updater, updaterKey.Address, "Wrapped BTC (demo)", "WBTCD", 8, ct).ConfigureAwait(false);
        var stable = await DeployAsync(updater, updaterKey.Address, "USDX (demo)", "USDXD", 6, ct).ConfigureAwait(false);
        Directory.CreateDirectory(Path.Combine(dir, "statements"));
        var statementPath = Path.Combine(dir, "statements", StableId + ".json");
        WriteStatement(statementPath, custodian, "600000.00", "400000.00");

        var registryPath = Path.Combine(dir, "registry.json");
        AtomicFile.Write(registryPath, System.Text.Encoding.UTF8.GetBytes(Registry(anvil.Url, bitcoin, wrapped, stable, period, [(vaultA, proofA), (vaultB, proofB)], custodian).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"), privateFile: false, overwrite: false);
        var registry = TokenRegistryReader.Read(registryPath);
        using var nodes = new ChainNodes(registry, Environment.GetEnvironmentVariable);
        var evaluator = new TokenEvaluator(registry, StandardReserveReaders.Create(), nodes);
        var tokens = new[] { new DemoToken(registry.Token(WrappedId)!, "WBTCD", "Wrapped BTC (demo)", wrapped, 140 * Btc), new DemoToken(registry.Token(StableId)!, "USDXD", "USDX (demo)", stable, 900_000 * Usd) };

        // Setup: publish the reserves once and mint the initial supply (within them).
        ctx.Line($"Deployed on anvil (chain id {AnvilProcess.ChainId}) at {anvil.Url}:");
        foreach (var token in tokens)
        {
            await NextSecondAsync(node, ct).ConfigureAwait(false);
            var evaluation = await evaluator.EvaluateAsync(token.Definition, null, ct).ConfigureAwait(false);
            var feed = await updater.UpdateAsync(token.Contracts.Feed, evaluation, ReserveFeedDefaults.MaxAge, ct).ConfigureAwait(false);
            var mint = await MintOnChainAsync(updater, node, token.Contracts.Token, token.Initial, ct).ConfigureAwait(false);
            if (feed.Outcome != FeedUpdateOutcome.Updated || !mint.Succeeded)
            {
                throw new NodeException(NodeFailureKind.Protocol, $"setting up {token.Definition.Id} failed: feed {feed.Code} ({feed.Detail}); initial mint {mint.Text}");
            }

            ctx.Line($"  {token.Definition.Id}: PorGuardedToken {token.Contracts.Token}, PorReserveFeed {token.Contracts.Feed}; {Amount(token.Initial, token.Definition.Decimals)} minted");
        }

        using var history = TokenHistoryStore.OpenSqlite(Path.Combine(dir, "token-history.sqlite"));
        var active = tokens.ToDictionary(t => t.Definition.Id, _ => (IReadOnlyCollection<AlertCondition>)[], StringComparer.Ordinal);
        var phases = new List<PhaseOutcome>();

        async Task<PhaseOutcome> PhaseAsync(int number, string name, string happened, bool healthy, BigInteger wrappedMint, BigInteger stableMint)
        {
            ctx.Line(string.Empty);
            ctx.Line($"Phase {number} — {name}: {happened}");
            var steps = new List<TokenDemoStep>();
            foreach (var (token, amount) in new[] { (tokens[0], wrappedMint), (tokens[1], stableMint) })
            {
                await NextSecondAsync(node, ct).ConfigureAwait(false);
                var evaluation = await evaluator.EvaluateAsync(token.Definition, null, ct).ConfigureAwait(false);
                Record(history, active, evaluation);
                var feed = await updater.UpdateAsync(token.Contracts.Feed, evaluation, ReserveFeedDefaults.MaxAge, ct).ConfigureAwait(false);
                var rule = MintRule.Evaluate(
                    new MintPolicy(MarginMode.None, 0, MaxStalenessSeconds, evaluation.Decimals),
                    new FeedRound(evaluation.TotalReserves, evaluation.EvaluatedAt.ToUnixTimeSeconds(), evaluation.Decimals),
                    amount, evaluation.CirculatingSupply, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                var chain = await MintOnChainAsync(updater, node, token.Contracts.Token, amount, ct).ConfigureAwait(false);
                var step = new TokenDemoStep(token.Definition.Id, evaluation, feed, amount, rule, chain, healthy);
                steps.Add(step);
                var ratio = TokenReport.RatioOf(evaluation.Status, evaluation.CirculatingSupply, evaluation.TotalReserves) is { } r ? ReportFormat.Percent(r) + "%" : "none";
                ctx.Line($"  {token.Definition.Id}: {TokenCodes.Of(evaluation.Status).ToUpperInvariant()}, reserves {Amount(evaluation.TotalReserves, evaluation.Decimals)} / supply {Amount(evaluation.CirculatingSupply, evaluation.Decimals)} = {ratio}");
                ctx.Line($"    feed: {feed.Code}{(feed.Outcome == FeedUpdateOutcome.Updated ? $" (answer {Amount(feed.Answer, feed.FeedDecimals)}, round {feed.RoundId})" : ": " + feed.Detail)}");
                ctx.Line($"    mint {Amount(amount, evaluation.Decimals)}: MintRule {(rule.Allowed ? "allows" : "denies")} ({rule.Code}); on chain {chain.Text}");
                if (step.Problem is { } problem)
                {
                    ctx.Line($"    NOT AS EXPECTED: {problem}");
                }
            }

            return new PhaseOutcome(number, name, happened, steps);
        }

        phases.Add(await PhaseAsync(1, "healthy", "custody holds 160 BTC against 140 WBTC; the custodian statement shows 1,000,000.00 USD against 900,000 USDX", true, 5 * Btc, 50_000 * Usd).ConfigureAwait(false));

        var away = bitcoin.Pay(Outside, 60 * Btc, (fundB, 0));
        bitcoin.Mine(Confirmations - 1);
        WriteStatement(statementPath, custodian, "400000.00", "400000.00");
        phases.Add(await PhaseAsync(2, "under-collateralised", $"60 BTC leave custody (transaction {away[..16]}…, {Confirmations} confirmations); the new statement shows 800,000.00 USD", false, 1 * Btc, 10_000 * Usd).ConfigureAwait(false));

        var restored = bitcoin.Pay(vaultB, 60 * Btc);
        bitcoin.Mine(Confirmations - 1);
        WriteStatement(statementPath, custodian, "600000.00", "400000.00");
        phases.Add(await PhaseAsync(3, "recovery", $"60 BTC return to custody (transaction {restored[..16]}…); the statement shows 1,000,000.00 USD again", true, 5 * Btc, 25_000 * Usd).ConfigureAwait(false));

        // Reports: the last evaluation with the whole history and every alert, through por token report's writer.
        var reports = new List<(string Token, string Json, string Html)>();
        foreach (var token in tokens)
        {
            var reportDir = Path.Combine(dir, "reports", token.Definition.Id);
            var report = TokenReportFiles.FromHistory(history, token.Definition, token.Symbol, token.Name, from: null, to: null, month: null);
            TokenReportFiles.Write(report, reportDir, force: false);
            reports.Add((token.Definition.Id, Path.Combine("reports", token.Definition.Id, "report.json"), Path.Combine("reports", token.Definition.Id, "report.html")));
        }

        var failed = phases.SelectMany(p => p.Steps.Where(s => s.Problem is not null).Select(s => $"phase {p.Number} ({p.Name}), {s.Token}: {s.Problem}")).FirstOrDefault();
        return new Outcome(phases, reports, failed);
    }

    private static byte[] NewSecret()
    {
        while (true)
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            try
            {
                _ = Por.Crypto.Native.Secp256k1.CreatePublicKey(secret, compressed: true);
                return secret;
            }
            catch (ArgumentException)
            {
                // Zero or not below the group order (probability about 2^-128): draw again.
            }
        }
    }

    /// <summary>Waits for the next whole second and mines an empty block at it, so that each evaluation (and the feed's updatedAt) is newer than the last.</summary>
    private static async Task NextSecondAsync(HttpNodeTransport node, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds(1000 - now.Millisecond + 5), ct).ConfigureAwait(false);
        await node.CallAsync("evm_mine", [], ct).ConfigureAwait(false);
    }

    private static async Task<DemoContracts> DeployAsync(ReserveFeedUpdater updater, byte[] owner, string name, string symbol, int decimals, CancellationToken ct)
    {
        var (feed, _) = await updater.DeployAsync(decimals, name + " reserves", owner, ct).ConfigureAwait(false);
        var init = (byte[])[.. GuardedTokenBytecode(), .. EvmAbi.Encode(
            AbiValue.String(name), AbiValue.String(symbol), AbiValue.Uint(decimals), AbiValue.Address(Address(feed)),
            AbiValue.Uint((int)MarginMode.None), AbiValue.Uint(0), AbiValue.Uint(MaxStalenessSeconds))];
        var (hash, receipt) = await updater.SendAsync(null, init, ct).ConfigureAwait(false);
        if (!Succeeded(receipt) || !receipt.TryGetProperty("contractAddress", out var created) || created.GetString() is not { } token)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"the PorGuardedToken deployment {hash} reverted");
        }

        return new DemoContracts(EvmAddress.ToChecksum(Address(token)), feed);
    }

    /// <summary>PorGuardedToken's creation code: contracts/PorGuardedToken.json, embedded gzip-compressed (Por.Cli.csproj).</summary>
    internal static byte[] GuardedTokenBytecode()
    {
        using var stream = typeof(TokenDemo).Assembly.GetManifestResourceStream("PorGuardedToken.json.gz")
            ?? throw new InvalidOperationException("PorGuardedToken.json.gz is not embedded");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return Convert.FromHexString(document.RootElement.GetProperty("bytecode").GetString()![2..]);
    }

    /// <summary>
    /// Sends mint(holder, amount) from the owner with a fixed gas limit, so that a mint the guard refuses is mined and
    /// reverts on chain; the custom error is read back with debug_traceTransaction.
    /// </summary>
    private static async Task<TokenDemoMint> MintOnChainAsync(ReserveFeedUpdater updater, HttpNodeTransport node, string token, BigInteger amount, CancellationToken ct)
    {
        var data = EvmAbi.Call("mint(address,uint256)", AbiValue.Address(s_holder), AbiValue.Uint(amount));
        var (hash, receipt) = await updater.SendAsync(Address(token), data, 300_000, ct).ConfigureAwait(false);
        if (Succeeded(receipt))
        {
            return new TokenDemoMint(true, hash, null, $"succeeded (transaction {hash[..18]}…)");
        }

        var trace = await node.CallAsync("debug_traceTransaction", new JsonArray(hash, new JsonObject { ["tracer"] = "callTracer" }), ct).ConfigureAwait(false);
        var revert = trace.TryGetProperty("output", out var output) ? output.GetString() ?? "0x" : "0x";
        var error = ErrorOf(revert);
        return new TokenDemoMint(false, hash, error, $"REVERTED with {error} (transaction {hash[..18]}…)");
    }

    /// <summary>The guard's custom error in revert data, with its arguments (e.g. <c>MintExceedsReserves(100000000, 14500000000, 10000000000)</c>).</summary>
    internal static string ErrorOf(string revert)
    {
        if (revert.Length >= 10)
        {
            foreach (var signature in s_guardErrors)
            {
                if (string.Equals(revert[2..10], Convert.ToHexStringLower(EvmAbi.Selector(signature)), StringComparison.OrdinalIgnoreCase))
                {
                    var arguments = Convert.FromHexString(revert[10..]);
                    var count = signature.Count(c => c == ',') + 1;
                    var values = Enumerable.Range(0, Math.Min(count, arguments.Length / 32)).Select(i => EvmAbi.ReadUint(arguments, i).ToString(CultureInfo.InvariantCulture));
                    return $"{signature[..signature.IndexOf('(', StringComparison.Ordinal)]}({string.Join(", ", values)})";
                }
            }
        }

        return "unknown revert " + revert;
    }

    private static void Record(TokenHistoryStore history, Dictionary<string, IReadOnlyCollection<AlertCondition>> active, TokenEvaluation evaluation)
    {
        var slot = new MonitorSlot(ScheduleKind.Seconds, evaluation.EvaluatedAt.ToUnixTimeSeconds());
        var current = AlertRules.Conditions(evaluation);
        var alerts = AlertRules.Transitions(evaluation.TokenId, slot.Key, evaluation.EvaluatedAt, active[evaluation.TokenId], current);
        if (!history.Record(evaluation.TokenId, new MonitorRecord(slot, evaluation, null, [], [], [], alerts, current, Deliver: false)))
        {
            throw new InvalidOperationException($"slot {slot.Key} of {evaluation.TokenId} was already stored");
        }

        active[evaluation.TokenId] = current;
    }

    private static void WriteStatement(string path, StatementKey key, string cash, string bills)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        StatementAsset Asset(string type, string description, string nature, bool pledged, string amount) =>
            new(type, description, Issuer, Custodian, "US-NY", nature, pledged, false, amount, Units(amount));
        var assets = new[]
        {
            Asset("cash", "Reserve deposit account", "segregated", false, cash),
            Asset("treasury_bill", "US Treasury bills due within 90 days", "trust", false, bills),
            Asset("cash", "Collateral pledged to a settlement bank", "omnibus", true, "50000.00"),
        };
        var available = assets.Where(a => a.Available).Aggregate(BigInteger.Zero, (sum, a) => sum + a.BaseUnits);
        var statement = new ReserveStatement
        {
            Issuer = Issuer,
            Token = StableId,
            Signer = Custodian,
            SignerRole = "custodian",
            AsOf = now,
            ValidUntil = now.AddDays(1),
            Currency = "USD",
            Decimals = 2,
            Assets = assets,
            TotalAvailable = BaseUnits.FormatFixed(available, 2),
            TotalAvailableBaseUnits = available,
            Ripcord = false,
        }.SignWith(key);
        AtomicFile.WriteAllBytes(path, ReserveStatementJson.Write(statement));
    }

    private static BigInteger Units(string amount) =>
        BaseUnits.TryParseFixed(amount, 2, out var units) ? units : throw new ArgumentException("not an amount with 2 decimals", nameof(amount));

    private static JsonObject Registry(Uri anvil, DemoBitcoinServer bitcoin, DemoContracts wrapped, DemoContracts stable, OwnershipPeriod period, (string Address, string Proof)[] vaults, StatementKey custodian) => new()
    {
        ["format"] = "por-token-registry/1",
        ["chains"] = new JsonObject
        {
            ["anvil"] = new JsonObject { ["family"] = "evm", ["chain_id"] = AnvilProcess.ChainId, ["reorg_margin"] = 0, ["node"] = new JsonObject { ["kind"] = "evm", ["url"] = anvil.ToString() } },
            ["bitcoin"] = new JsonObject { ["family"] = "bitcoin", ["network"] = "bitcoin-testnet", ["genesis"] = bitcoin.Genesis, ["reorg_margin"] = Confirmations, ["node"] = new JsonObject { ["kind"] = "esplora", ["url"] = bitcoin.Url.ToString() } },
        },
        ["tokens"] = new JsonArray(
            new JsonObject
            {
                ["id"] = WrappedId,
                ["decimals"] = 8,
                ["margin_bps"] = 0,
                ["deployments"] = new JsonArray(new JsonObject { ["id"] = "anvil", ["chain"] = "anvil", ["contract"] = wrapped.Token, ["decimals"] = 8, ["role"] = "canonical" }),
                ["exclusions"] = new JsonArray(),
                ["reserves"] = new JsonArray(new JsonObject
                {
                    ["id"] = "btc-custody",
                    ["kind"] = "btc_custody",
                    ["chain"] = "bitcoin",
                    ["confirmations"] = Confirmations,
                    ["max_age_seconds"] = 3600,
                    ["addresses"] = new JsonArray([.. vaults.Select(v => (JsonNode)new JsonObject { ["address"] = v.Address, ["ownership"] = new JsonObject { ["scheme"] = "bip322", ["signatures"] = new JsonArray(v.Proof) } })]),
                    ["ownership_period"] = new JsonObject { ["from"] = UtcTime.Format(period.From), ["until"] = UtcTime.Format(period.Until) },
                }),
            },
            new JsonObject
            {
                ["id"] = StableId,
                ["decimals"] = 6,
                ["margin_bps"] = 0,
                ["deployments"] = new JsonArray(new JsonObject { ["id"] = "anvil", ["chain"] = "anvil", ["contract"] = stable.Token, ["decimals"] = 6, ["role"] = "canonical" }),
                ["exclusions"] = new JsonArray(),
                ["reserves"] = new JsonArray(new JsonObject
                {
                    ["id"] = "custodian-statement",
                    ["kind"] = "signed_statement",
                    ["path"] = "statements/" + StableId + ".json",
                    ["issuer"] = Issuer,
                    ["currency"] = "USD",
                    ["max_age_seconds"] = 86400,
                    ["signers"] = new JsonArray(new JsonObject { ["algorithm"] = "ed25519", ["public_key"] = Convert.ToHexStringLower(custodian.PublicKey.Key) }),
                }),
            }),
    };

    private static string Amount(BigInteger units, int decimals) => BaseUnits.FormatFixed(units, decimals);

    private static bool Succeeded(JsonElement receipt) =>
        receipt.TryGetProperty("status", out var status) && string.Equals(status.GetString(), "0x1", StringComparison.Ordinal);

    private static byte[] Address(string text) =>
        EvmAddress.TryParse(text, out var address, out var error) ? address : throw new NodeException(NodeFailureKind.Protocol, error);

    private static void WriteSummary(string path, Outcome outcome, double seconds)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("status", outcome.FailedStep is null ? "as_expected" : "not_as_expected");
            w.WriteNumber("exit_code", outcome.FailedStep is null ? ExitCodes.Ok : ExitCodes.VerificationFailed);
            if (outcome.FailedStep is null)
            {
                w.WriteNull("failed_step");
            }
            else
            {
                w.WriteString("failed_step", outcome.FailedStep);
            }

            w.WriteNumber("seconds", Math.Round(seconds, 1));
            w.WriteStartArray("phases");
            foreach (var phase in outcome.Phases)
            {
                w.WriteStartObject();
                w.WriteNumber("phase", phase.Number);
                w.WriteString("name", phase.Name);
                w.WriteString("what_happened", phase.Happened);
                w.WriteStartArray("tokens");
                foreach (var s in phase.Steps)
                {
                    var e = s.Evaluation;
                    w.WriteStartObject();
                    w.WriteString("token", s.Token);
                    w.WriteString("evaluated_at", UtcTime.Format(e.EvaluatedAt));
                    w.WriteString("status", TokenCodes.Of(e.Status));
                    w.WriteString("circulating_supply", e.CirculatingSupply.ToString(CultureInfo.InvariantCulture));
                    w.WriteString("total_reserves", e.TotalReserves.ToString(CultureInfo.InvariantCulture));
                    // A null string is written as JSON null: no ratio when a side was not read.
                    w.WriteString("ratio_percent", TokenReport.RatioOf(e.Status, e.CirculatingSupply, e.TotalReserves) is { } ratio ? ReportFormat.Percent(ratio) : null);

                    w.WriteString("feed_update", s.Feed.Code);
                    w.WriteString("feed_answer", s.Feed.Answer.ToString(CultureInfo.InvariantCulture));
                    w.WriteString("mint_amount", s.Amount.ToString(CultureInfo.InvariantCulture));
                    w.WriteString("mint_rule", s.Rule.Code);
                    w.WriteString("on_chain_mint", s.Chain.Succeeded ? "succeeded" : "reverted");
                    w.WriteString("revert_error", s.Chain.Error);

                    w.WriteString("transaction_hash", s.Chain.Hash);
                    w.WriteBoolean("as_expected", s.Problem is null);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("reports");
            foreach (var (token, json, html) in outcome.Reports)
            {
                w.WriteStartObject();
                w.WriteString("token", token);
                w.WriteString("json", json.Replace('\\', '/'));
                w.WriteString("html", html.Replace('\\', '/'));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }

    private static void Print(CliContext ctx, string dir, Outcome outcome, double seconds)
    {
        ctx.Line(string.Empty);
        ctx.Line($"Files are in {dir}: registry.json, statements/, token-history.sqlite, reports/<token>/report.json and report.html, {SummaryFile}");
        ctx.Line(outcome.FailedStep is null
            ? $"Every step went as expected ({seconds:F1} s): minting followed reserves down and back up, on chain and off."
            : $"NOT AS EXPECTED at {outcome.FailedStep}");
    }

    private sealed record DemoContracts(string Token, string Feed);

    private sealed record DemoToken(TokenDefinition Definition, string Symbol, string Name, DemoContracts Contracts, BigInteger Initial);

    private sealed record PhaseOutcome(int Number, string Name, string Happened, IReadOnlyList<TokenDemoStep> Steps);

    private sealed record Outcome(IReadOnlyList<PhaseOutcome> Phases, IReadOnlyList<(string Token, string Json, string Html)> Reports, string? FailedStep);

}
