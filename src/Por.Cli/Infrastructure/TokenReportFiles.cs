// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Reports.Tokens;
using Por.Storage;
using Por.Tokens.Registry;

namespace Por.Cli.Infrastructure;

/// <summary>
/// Token reports from the monitor's history, and the one writer of token report files: shared by
/// <c>por token report</c> and <c>por demo token</c>.
/// </summary>
internal static class TokenReportFiles
{
    /// <summary>
    /// Builds a report from the monitor's history: the latest stored evaluation of the period with every evaluation and
    /// alert of the period, or with <paramref name="month"/> the monthly report of that month.
    /// </summary>
    /// <param name="history">The store.</param>
    /// <param name="token">The token's registry definition.</param>
    /// <param name="symbol">The symbol shown.</param>
    /// <param name="name">The name shown.</param>
    /// <param name="from">The period's start, or null.</param>
    /// <param name="to">The period's end (included), or null.</param>
    /// <param name="month">The month <c>yyyy-MM</c> for a monthly report, or null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InputException">Nothing is stored in the period, or the month cannot be reported.</exception>
    public static TokenReport FromHistory(TokenHistoryStore history, TokenDefinition token, string symbol, string name, DateTimeOffset? from, DateTimeOffset? to, string? month)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(token);
        var evaluations = history.Evaluations(token.Id);
        var alerts = history.Alerts(token.Id).Select(a => a.Alert).ToList();
        TokenReportInput input;
        try
        {
            input = month is null
                ? TokenReportHistory.Period(symbol, name, evaluations, alerts, from, to)
                : TokenReportHistory.Month(symbol, name, token, evaluations, alerts, month);
        }
        catch (InvalidDataException e)
        {
            throw new InputException(history.Description, 0, month is null ? "--from/--to" : "--month", $"token {token.Id}: {e.Message}");
        }

        return TokenReport.Build(input);
    }

    /// <summary>Writes report.json and report.html into a directory (atomically each; refused if they exist, unless <paramref name="force"/>).</summary>
    /// <param name="report">The report.</param>
    /// <param name="directory">The directory (created if missing).</param>
    /// <param name="force">Overwrite existing files.</param>
    /// <returns>The two paths.</returns>
    public static (string Json, string Html) Write(TokenReport report, string directory, bool force)
    {
        ArgumentNullException.ThrowIfNull(report);
        var full = Path.GetFullPath(directory);
        var jsonPath = Path.Combine(full, "report.json");
        var htmlPath = Path.Combine(full, "report.html");
        Outputs.Refuse(jsonPath, force, "--out");
        Outputs.Refuse(htmlPath, force, "--out");
        Directory.CreateDirectory(full);
        AtomicFile.WriteAllBytes(jsonPath, TokenReportJson.Serialize(report));
        AtomicFile.WriteAllBytes(htmlPath, System.Text.Encoding.UTF8.GetBytes(TokenReportHtml.Render(report)));
        return (jsonPath, htmlPath);
    }
}
