// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Tokens;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;
using Por.Tokens.Registry;

namespace Por.Cli.Commands;

/// <summary>
/// <c>por token monitor</c>: the long-running token monitor (docs/token-por.md, "Monitor"; docs/cli.md). It evaluates
/// every N blocks of each token's canonical chain or every N seconds, keeps the history in SQLite (default) or
/// PostgreSQL, alerts by webhook and in JSON logs on stderr, serves <c>/metrics</c>, <c>/healthz</c> and
/// <c>POST /v1/mint-check</c>, and stops on SIGINT/SIGTERM with exit 0 after abandoning the current evaluation.
/// </summary>
public static class TokenMonitorCommand
{
    /// <summary>The default listen address.</summary>
    public const string DefaultListen = "127.0.0.1:9464";

    /// <summary>The default SQLite history file.</summary>
    public const string DefaultHistory = TokenHistoryOptions.DefaultHistory;

    /// <summary>Builds the <c>monitor</c> subcommand.</summary>
    /// <param name="json">The root command's recursive <c>--json</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(Option<bool> json)
    {
        var registry = Inputs.Path("--registry", "The supply registry (por-token-registry/1)", required: true);
        var token = new Option<string?>("--token") { Description = "Monitor only this token of the registry (default: every token)" };
        var everyBlocks = new Option<long?>("--every-blocks") { Description = "Evaluate every N finalized blocks of each token's canonical chain" };
        var every = new Option<long?>("--every") { Description = "Evaluate every N seconds (default 600 when --every-blocks is not given)" };
        var historyOptions = new TokenHistoryOptions($"The SQLite history file (default {DefaultHistory})");
        var history = historyOptions.Sqlite;
        var historyPg = historyOptions.Postgres;
        var listen = new Option<string>("--listen") { Description = $"HOST:PORT of /metrics, /healthz and /v1/mint-check (default {DefaultListen})", DefaultValueFactory = _ => DefaultListen };
        var webhook = new Option<string?>("--webhook") { Description = "POST every alert (por-token-alert/1 JSON) to this http(s) URL, retried with backoff" };
        var mintToken = new Option<string?>("--mint-check-token") { Description = "Enable POST /v1/mint-check with the bearer token in this file (mode 0600)" };
        var healthAge = new Option<long?>("--health-max-age") { Description = "Seconds after which the latest evaluation is too old for /healthz (default 2 × --every + 60, or 900 with --every-blocks)" };
        var mintAge = new Option<long?>("--mint-check-max-age") { Description = "Seconds after which the latest evaluation is too old for a mint-check allow (default: --health-max-age)" };
        var k = new Option<int>("--unusual-mint-k") { Description = "Unusual mint: above k × the percentile of the 30-day mints (default 10)", DefaultValueFactory = _ => UnusualMintRule.Default.Multiplier };
        var percentile = new Option<int>("--unusual-mint-percentile") { Description = "Unusual mint: the percentile, 1-100 (default 99)", DefaultValueFactory = _ => UnusualMintRule.Default.QuantilePercent };
        var minimum = new Option<int>("--unusual-mint-min-history") { Description = "Unusual mint: fewer 30-day mints than this and every mint is unusual (default 5)", DefaultValueFactory = _ => UnusualMintRule.Default.MinimumHistory };
        var backfill = new Option<long>("--mint-backfill-blocks") { Description = "On a token's first evaluation, read this many blocks of past mints as history (default 0)", DefaultValueFactory = _ => 0 };
        var command = new Command("monitor", "Evaluate tokens continuously, keep history, alert, serve metrics, health and the pre-mint check; stop with SIGINT/SIGTERM")
        {
            registry, token, everyBlocks, every, history, historyPg, listen, webhook, mintToken, healthAge, mintAge, k, percentile, minimum, backfill,
        };
        command.SetAction((parse, _) => CommandRunner.RunAsync(parse, json, ctx => RunAsync(ctx, new Settings(
            parse.GetValue(registry)!, parse.GetValue(token), parse.GetValue(everyBlocks), parse.GetValue(every), parse.GetValue(history), parse.GetValue(historyPg),
            parse.GetValue(listen)!, parse.GetValue(webhook), parse.GetValue(mintToken), parse.GetValue(healthAge), parse.GetValue(mintAge),
            new UnusualMintRule(parse.GetValue(k), parse.GetValue(percentile), UnusualMintRule.Default.Window, parse.GetValue(minimum)), parse.GetValue(backfill)))));
        return command;
    }

    private static async Task<int> RunAsync(CliContext ctx, Settings s)
    {
        var schedule = Schedule(s);
        try
        {
            s.Rule.Validate();
        }
        catch (InvalidOperationException e)
        {
            throw new InputException("command line", 0, "--unusual-mint-*", e.Message);
        }

        if (s.Backfill < 0)
        {
            throw new InputException("command line", 0, "--mint-backfill-blocks", "must be ≥ 0");
        }

        var healthAge = TimeSpan.FromSeconds(Positive(s.HealthMaxAge, "--health-max-age") ?? (schedule.Kind == ScheduleKind.Seconds ? (2 * schedule.Every) + 60 : 900));
        var mintAge = TimeSpan.FromSeconds(Positive(s.MintCheckMaxAge, "--mint-check-max-age") ?? (long)healthAge.TotalSeconds);
        Uri? webhook = null;
        if (s.Webhook is not null && (!Uri.TryCreate(s.Webhook, UriKind.Absolute, out webhook) || webhook.Scheme is not ("http" or "https") || webhook.UserInfo.Length > 0))
        {
            throw new InputException("command line", 0, "--webhook", "must be an absolute http(s) URL without credentials");
        }

        var registry = TokenRegistryReader.Read(s.Registry);
        var tokens = registry.Tokens.ToList();
        if (s.Token is not null)
        {
            tokens = [registry.Token(s.Token)
                ?? throw new InputException("command line", 0, "--token", $"'{s.Token}' is not a token of the registry ({string.Join(", ", registry.Tokens.Select(t => t.Id))})")];
        }

        var mintToken = s.MintCheckToken is null ? null : MintCheckToken.Load(s.MintCheckToken);
        _ = TokenMonitorServer.ParseListen(s.Listen);
        using var nodes = new ChainNodes(registry, Environment.GetEnvironmentVariable);
        var evaluator = new TokenEvaluator(registry, StandardReserveReaders.Create(), nodes);
        var targets = tokens.Select(t => Target(registry, t, nodes, evaluator)).ToList();
        using var history = TokenHistoryOptions.Open(s.History, s.HistoryPg, DefaultHistory)!;
        using var log = new TokenMonitorLog(ctx.Error);
        var state = new MonitorState();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var sender = webhook is null ? null : new WebhookSender(http, webhook, history, state, log, 6, TimeSpan.FromSeconds(1), TimeProvider.System);
        var options = new MonitorOptions(schedule, s.Rule, TimeSpan.FromSeconds(schedule.Kind == ScheduleKind.Blocks ? 2 : 1), 3, TimeSpan.FromSeconds(1), s.Backfill, webhook is not null);
        var monitor = new TokenMonitor(targets, history, options, state, log, TimeProvider.System, () => sender?.Wake());
        using var server = new TokenMonitorServer(s.Listen, state, [.. tokens.Select(t => t.Id)], healthAge, mintToken, mintAge, s.Rule, history, log, TimeProvider.System);
        server.Start();

        // From here on SIGINT/SIGTERM is the normal way to stop: the evaluation in flight is abandoned (its slot is not
        // stored and is evaluated again after a restart), the history is closed, and the exit code is 0.
        ShutdownSignals.StopIsNormal();
        var stop = ShutdownSignals.Token;
        using var services = CancellationTokenSource.CreateLinkedTokenSource(stop);
        log.Started(schedule.ToString(), history.Description, server.Prefix.ToString(), [.. tokens.Select(t => t.Id)]);
        var serving = server.RunAsync(services.Token);
        var delivering = sender?.RunAsync(services.Token) ?? Task.CompletedTask;
        try
        {
            await monitor.RunAsync(stop).ConfigureAwait(false);
        }
        finally
        {
            await services.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(serving, delivering).ConfigureAwait(false);
        }

        log.Stopped(stop.IsCancellationRequested ? "signal" : "ended");
        if (ctx.Json)
        {
            ctx.Out.WriteLine("{\"status\":\"stopped\",\"exit_code\":0}");
        }

        return ExitCodes.Ok;
    }

    private static MonitorSchedule Schedule(Settings s)
    {
        if (s.EveryBlocks is not null && s.Every is not null)
        {
            throw new InputException("command line", 0, "--every-blocks", "give either --every-blocks or --every, not both");
        }

        return s.EveryBlocks is { } blocks
            ? new MonitorSchedule(ScheduleKind.Blocks, Positive(blocks, "--every-blocks")!.Value)
            : new MonitorSchedule(ScheduleKind.Seconds, Positive(s.Every, "--every") ?? 600);
    }

    private static long? Positive(long? value, string option) =>
        value is null or > 0 ? value : throw new InputException("command line", 0, option, $"must be ≥ 1, not {value}");

    // The monitor's view of a registry token: its EVM deployments (decimals, owner, mints), its reserve_feed sources
    // (decimals, owner), the canonical deployment's chain for a blocks schedule, and the evaluator with the previous pins.
    private static MonitorTarget Target(TokenRegistry registry, TokenDefinition token, ChainNodes nodes, TokenEvaluator evaluator)
    {
        var chains = new Dictionary<string, MonitorChain>(StringComparer.Ordinal);
        MonitorChain ChainOf(string name) =>
            chains.TryGetValue(name, out var c) ? c : chains[name] = new MonitorChain(name, nodes.Transport(name), (int)Math.Min(int.MaxValue, registry.Chains[name].ReorgMargin));

        var canonical = token.Deployments.FirstOrDefault(d => d.Role == DeploymentRole.Canonical) ?? token.Deployments[0];
        var deployments = token.Deployments
            .Where(d => registry.Chains[d.Chain].Family == Por.Reserves.Registry.ChainFamily.Evm)
            .Select(d => new MonitorDeployment(ChainOf(d.Chain), d.Contract, d.Decimals)).ToList();
        var feeds = new List<MonitorFeed>();
        foreach (var source in token.Reserves.Where(r => string.Equals(r.Kind, "reserve_feed", StringComparison.Ordinal)))
        {
            if (source.Element.TryGetProperty("chain", out var chain) && chain.GetString() is { } chainName && registry.Chains.ContainsKey(chainName)
                && source.Element.TryGetProperty("address", out var address) && address.GetString() is { } feedAddress)
            {
                feeds.Add(new MonitorFeed(source.Id, ChainOf(chainName), feedAddress));
            }
        }

        if (registry.Chains[canonical.Chain].Family != Por.Reserves.Registry.ChainFamily.Evm)
        {
            throw new InputException(registry.File, 0, $"tokens.{token.Id}", "the monitor needs the canonical deployment on an EVM chain");
        }

        var canonicalChain = ChainOf(canonical.Chain);
        IReadOnlyDictionary<string, PinnedBlock>? pins = null;
        return new MonitorTarget(token.Id, token.Decimals, canonicalChain, deployments, feeds, async ct =>
        {
            var evaluation = await evaluator.EvaluateAsync(token, pins, ct).ConfigureAwait(false);
            pins = TokenEvaluator.PinsOf(evaluation);
            return evaluation;
        });
    }

    private sealed record Settings(
        string Registry, string? Token, long? EveryBlocks, long? Every, string? History, string? HistoryPg, string Listen, string? Webhook, string? MintCheckToken,
        long? HealthMaxAge, long? MintCheckMaxAge, UnusualMintRule Rule, long Backfill);
}
