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
/// <c>por token report</c>: evaluates one token of a registry once and writes its report (report.json,
/// por-token-report/1, and report.html; docs/token-por.md §7). The exit code is <c>por token check</c>'s.
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
        var command = new Command("report", "Evaluate one token once and write its report (por-token-report/1 and a self-contained HTML page)") { registry, token, symbol, name, output, force };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, ctx => RunAsync(
            ctx, parse.GetValue(registry)!, parse.GetValue(token)!, parse.GetValue(symbol), parse.GetValue(name), parse.GetValue(output)!, parse.GetValue(force), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext ctx, string registryPath, string tokenId, string? symbol, string? name, string output, bool force, CancellationToken cancellationToken)
    {
        var registry = TokenRegistryReader.Read(registryPath);
        var token = registry.Token(tokenId)
            ?? throw new InputException("command line", 0, "--token", $"'{tokenId}' is not a token of the registry ({string.Join(", ", registry.Tokens.Select(t => t.Id))})");
        var directory = Path.GetFullPath(output);
        var jsonPath = Path.Combine(directory, "report.json");
        var htmlPath = Path.Combine(directory, "report.html");
        Outputs.Refuse(jsonPath, force, "--out");
        Outputs.Refuse(htmlPath, force, "--out");
        using var nodes = new ChainNodes(registry, Environment.GetEnvironmentVariable);
        var evaluator = new TokenEvaluator(registry, StandardReserveReaders.Create(), nodes);
        var evaluation = await evaluator.EvaluateAsync(token, null, cancellationToken).ConfigureAwait(false);
        var report = Write(directory, new TokenReportInput(symbol ?? tokenId.ToUpperInvariant(), name ?? tokenId, evaluation, [], [], null));
        var exit = TokenCheckCommand.ExitCodeOf(evaluation);
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", TokenCodes.Of(evaluation.Status));
                w.WriteNumber("exit_code", exit);
                w.WriteString("token_id", evaluation.TokenId);
                w.WriteString("measured_at", UtcTime.Format(evaluation.EvaluatedAt));
                w.WriteString("report_json", jsonPath);
                w.WriteString("report_html", htmlPath);
            });
        }
        else
        {
            ctx.Out.WriteLine($"token {evaluation.TokenId}: {TokenCodes.Of(evaluation.Status)}{(report.Ratio is { } r ? $", reserves / supply {ReportFormat.Percent(r)}%" : ", no ratio (evidence failed)")}");
            foreach (var failed in evaluation.FailedEvidence)
            {
                ctx.Out.WriteLine("  " + failed);
            }

            ctx.Out.WriteLine($"  report: {jsonPath}");
            ctx.Out.WriteLine($"          {htmlPath}");
        }

        return exit;
    }

    /// <summary>
    /// Builds a token report and writes <c>report.json</c> and <c>report.html</c> into <paramref name="directory"/>
    /// (created if needed); the one writer of token reports (<c>por token report</c>, <c>por demo token</c>).
    /// </summary>
    /// <param name="directory">The output directory.</param>
    /// <param name="input">What the report is built from.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidDataException">The input is inconsistent (TokenReport.Build's checks).</exception>
    internal static TokenReport Write(string directory, TokenReportInput input)
    {
        var report = TokenReport.Build(input);
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllBytes(Path.Combine(directory, "report.json"), TokenReportJson.Serialize(report));
        AtomicFile.WriteAllBytes(Path.Combine(directory, "report.html"), System.Text.Encoding.UTF8.GetBytes(TokenReportHtml.Render(report)));
        return report;
    }
}
