// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Reports;
using Por.Reports.Tokens;
using Por.Tokens;
using Por.Tokens.Registry;

namespace Por.Cli.Commands;

/// <summary>
/// <c>por token report</c>: writes one token's report (report.json, por-token-report/1, and report.html; docs/token-por.md
/// §10). Without a history it evaluates the token once; with <c>--history</c>/<c>--history-pg</c> (the monitor's store)
/// it reports the latest stored evaluation of a period with the ratio history and every alert of the period, and with
/// <c>--month</c> the monthly (AICPA-shaped) report. The exit code is <c>por token check</c>'s for the reported evaluation.
/// Reports from history and report files come from <see cref="TokenReportFiles"/>, which the token demo uses too.
/// </summary>
internal static class TokenReportCommand
{
    public static Command Create(Option<bool> json)
    {
        var registry = Inputs.Path("--registry", "The supply registry (por-token-registry/1)", required: true);
        var token = new Option<string>("--token") { Description = "The token of the registry to report on", Required = true };
        var symbol = new Option<string?>("--symbol") { Description = "The symbol shown (default: the token id in upper case)" };
        var name = new Option<string?>("--name") { Description = "The name shown (default: the token id)" };
        var output = new Option<string>("--out") { Description = "Directory to write report.json and report.html into (refused if they exist, unless --force)", Required = true };
        var force = Inputs.Force();
        var history = new TokenHistoryOptions("Report from this SQLite history file of por token monitor (default: evaluate once, no history)");
        var from = new Option<string?>("--from") { Description = "With a history: the period's start, yyyy-MM-ddTHH:mm:ssZ (default: the first evaluation)" };
        var to = new Option<string?>("--to") { Description = "With a history: the period's end, included (default: the latest evaluation)" };
        var month = new Option<string?>("--month") { Description = "With a history: the monthly report of yyyy-MM, stated at the first second of the next month" };
        var command = new Command("report", "Write a token's report (por-token-report/1 and a self-contained HTML page): from one evaluation, or from the monitor's history")
        {
            registry, token, symbol, name, output, force, history.Sqlite, history.Postgres, from, to, month,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, ctx => RunAsync(
            ctx,
            new Request(parse.GetValue(registry)!, parse.GetValue(token)!, parse.GetValue(symbol), parse.GetValue(name), parse.GetValue(output)!, parse.GetValue(force),
                parse.GetValue(history.Sqlite), parse.GetValue(history.Postgres), parse.GetValue(from), parse.GetValue(to), parse.GetValue(month)),
            cancellationToken)));
        return command;
    }

    /// <summary>Evaluates a token once and builds its report (no history, no alerts, no monthly part).</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="token">The token.</param>
    /// <param name="symbol">The symbol shown.</param>
    /// <param name="name">The name shown.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The report.</returns>
    public static async Task<TokenReport> Live(TokenRegistry registry, TokenDefinition token, string symbol, string name, CancellationToken cancellationToken)
    {
        using var nodes = new ChainNodes(registry, Environment.GetEnvironmentVariable);
        var evaluator = new TokenEvaluator(registry, StandardReserveReaders.Create(), nodes);
        var evaluation = await evaluator.EvaluateAsync(token, null, cancellationToken).ConfigureAwait(false);
        return TokenReport.Build(new TokenReportInput(symbol, name, evaluation, [], [], null));
    }

    private static async Task<int> RunAsync(CliContext ctx, Request q, CancellationToken cancellationToken)
    {
        var registry = TokenRegistryReader.Read(q.Registry);
        var token = registry.Token(q.Token)
            ?? throw new InputException("command line", 0, "--token", $"'{q.Token}' is not a token of the registry ({string.Join(", ", registry.Tokens.Select(t => t.Id))})");
        var from = Time(q.From, "--from");
        var to = Time(q.To, "--to");
        if (from is { } f && to is { } t && f > t)
        {
            throw new InputException("command line", 0, "--from", $"the period starts after it ends ({q.From} > {q.To})");
        }

        var useHistory = q.History is not null || q.HistoryPg is not null;
        if (!useHistory && (from is not null || to is not null || q.Month is not null))
        {
            throw new InputException("command line", 0, q.Month is not null ? "--month" : from is not null ? "--from" : "--to", "needs the monitor's history: give --history FILE or --history-pg CONNECTION_STRING");
        }

        if (q.Month is not null)
        {
            if (from is not null || to is not null)
            {
                throw new InputException("command line", 0, "--month", "the month is the period: leave out --from and --to");
            }

            try
            {
                _ = TokenReportHistory.MonthBounds(q.Month);
            }
            catch (ArgumentException)
            {
                throw new InputException("command line", 0, "--month", $"'{q.Month}' is not a month yyyy-MM");
            }
        }

        var directory = Path.GetFullPath(q.Output);
        Outputs.Refuse(Path.Combine(directory, "report.json"), q.Force, "--out");
        Outputs.Refuse(Path.Combine(directory, "report.html"), q.Force, "--out");
        var symbol = q.Symbol ?? q.Token.ToUpperInvariant();
        var name = q.Name ?? q.Token;
        TokenReport report;
        if (useHistory)
        {
            if (q.History is { } file && !File.Exists(file))
            {
                throw new InputException(file, 0, "--history", "no such history file (por token monitor --history writes it)");
            }

            using var store = TokenHistoryOptions.Open(q.History, q.HistoryPg, null)!;
            report = TokenReportFiles.FromHistory(store, token, symbol, name, from, to, q.Month);
        }
        else
        {
            report = await Live(registry, token, symbol, name, cancellationToken).ConfigureAwait(false);
        }

        var (jsonPath, htmlPath) = TokenReportFiles.Write(report, directory, q.Force);
        var evaluation = report.Evaluation;
        var exit = TokenCheckCommand.ExitCodeOf(evaluation);
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", TokenCodes.Of(evaluation.Status));
                w.WriteNumber("exit_code", exit);
                w.WriteString("token_id", evaluation.TokenId);
                w.WriteString("measured_at", UtcTime.Format(evaluation.EvaluatedAt));
                w.WriteNumber("evaluations", report.History.Count);
                w.WriteNumber("alerts", report.Alerts.Count);
                if (report.Monthly is { } m)
                {
                    w.WriteString("month", m.Period);
                }
                else
                {
                    w.WriteNull("month");
                }

                w.WriteString("report_json", jsonPath);
                w.WriteString("report_html", htmlPath);
            });
        }
        else
        {
            ctx.Out.WriteLine($"token {evaluation.TokenId} at {UtcTime.Format(evaluation.EvaluatedAt)}: {TokenCodes.Of(evaluation.Status)}{(report.Ratio is { } r ? $", reserves / supply {ReportFormat.Percent(r)}%" : ", no ratio (evidence failed)")}");
            foreach (var failed in evaluation.FailedEvidence)
            {
                ctx.Out.WriteLine("  " + failed);
            }

            ctx.Out.WriteLine($"  {report.History.Count} evaluation(s), {report.Alerts.Count} alert(s){(report.Monthly is { } m ? $", monthly report {m.Period}" : string.Empty)}");
            ctx.Out.WriteLine($"  report: {jsonPath}");
            ctx.Out.WriteLine($"          {htmlPath}");
        }

        return exit;
    }

    private static DateTimeOffset? Time(string? text, string option) =>
        text is null ? null
        : UtcTime.TryParse(text, out var t) ? t
        : throw new InputException("command line", 0, option, $"'{text}' is not a UTC time yyyy-MM-ddTHH:mm:ssZ");

    private sealed record Request(
        string Registry, string Token, string? Symbol, string? Name, string Output, bool Force, string? History, string? HistoryPg, string? From, string? To, string? Month);
}
