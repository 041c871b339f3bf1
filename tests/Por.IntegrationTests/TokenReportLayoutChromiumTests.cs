// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Microsoft.Playwright;
using Por.Reports.Tests.Tokens;
using Por.Reports.Tokens;
using Por.Testing;
using Por.Tokens.Model;

namespace Por.IntegrationTests;

/// <summary>
/// A token report (report.html of docs/token-por.md "Reports") laid out by headless Chromium at 1400 and 390 px: no
/// horizontal scrolling, no element whose content is wider than its box, every SVG drawing inside its view box and no
/// text inside a drawing, every supply and reserve row and every monthly figure fully on screen. The report is a rich
/// one: 30 evaluations of history with a gap, a lock-and-mint representation, two evidence classes, an alert, and a
/// monthly part with a pledged line and a shortfall. Screenshots (full page and one per section) are written to
/// artifacts/screenshots/ (or $POR_SCREENSHOT_DIR).
/// </summary>
public sealed class TokenReportLayoutChromiumTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private const string OverflowingElements = """
        () => {
          const bad = [];
          for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('svg')) continue;
            const cs = getComputedStyle(el);
            if (cs.display === 'none' || cs.display === 'inline' || cs.display === 'contents' || el.clientWidth === 0) continue;
            if (el.scrollWidth > el.clientWidth + 1) bad.push(el.tagName + '#' + el.id + '.' + el.className + ' "' + (el.innerText || '').slice(0, 40) + '": ' + el.scrollWidth + ' > ' + el.clientWidth);
          }
          return bad;
        }
        """;

    private const string SvgProblems = """
        () => {
          const bad = [];
          for (const svg of document.querySelectorAll('svg')) {
            const vb = svg.viewBox.baseVal;
            const r = svg.getBoundingClientRect();
            if (r.width < 50 || r.height < 10) bad.push('svg#' + svg.id + ' is ' + r.width + 'x' + r.height);
            if (r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5) bad.push('svg#' + svg.id + ' spans ' + r.left + '..' + r.right);
            if (svg.querySelector('text')) bad.push('svg#' + svg.id + ' holds text');
            for (const el of svg.querySelectorAll('circle, rect, line, polyline, path')) {
              const b = el.getBBox();
              if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
                bad.push(svg.id + ' ' + el.tagName + ' outside its view box');
            }
          }
          return bad;
        }
        """;

    [Theory]
    [InlineData("undercollateralized", "false")]
    [InlineData("healthy", "true")]
    [InlineData("node-fault", "null")]
    public async Task TokenReport_DesktopAndPhone_NoOverflowNoClippingEveryRowVisible(string sample, string covered)
    {
        if (!File.Exists(ChromiumPath))
        {
            RequiredTool.Missing($"{ChromiumPath} not found: no browser to lay the report out in (apt-get install chromium)");
        }

        using var temp = new TempDirectory();
        var html = Path.Combine(temp.Path, "report.html");
        File.WriteAllText(html, TokenReportHtml.Render(Sample(sample)));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var directory = Environment.GetEnvironmentVariable("POR_SCREENSHOT_DIR") is { Length: > 0 } d ? d : Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        foreach (var width in new[] { 1400, 390 })
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
            var messages = new List<string>();
            page.Console += (_, m) => messages.Add(m.Type + ": " + m.Text);
            await page.GotoAsync(new Uri(html).AbsoluteUri);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var at = $"{sample} token report at {width} px";
            var scrollWidth = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
            var innerWidth = await page.EvaluateAsync<int>("() => window.innerWidth");
            Assert.True(scrollWidth <= innerWidth, $"{at}: the page is {scrollWidth} px wide in a {innerWidth} px window (horizontal scrolling)");
            var overflowing = await page.EvaluateAsync<string[]>(OverflowingElements);
            Assert.True(overflowing.Length == 0, $"{at}: content wider than its box:\n" + string.Join('\n', overflowing));
            var svg = await page.EvaluateAsync<string[]>(SvgProblems);
            Assert.True(svg.Length == 0, $"{at}: SVG problems:\n" + string.Join('\n', svg));
            Assert.Empty(messages);

            // Every supply and reserve row, and every figure in them and in the monthly part, is on screen.
            Assert.Equal(2, await page.Locator("#supply tbody tr").CountAsync());
            Assert.Equal(2, await page.Locator("#reserves tbody tr").CountAsync());
            foreach (var figure in await page.Locator("#supply [data-field], #reserves [data-field], #monthly [data-field], #summary [data-field]").AllAsync())
            {
                var box = await figure.BoundingBoxAsync();
                Assert.True(box is { Width: > 0, Height: > 0 } && box.X >= 0 && box.X + box.Width <= innerWidth, $"{at}: {await figure.GetAttributeAsync("data-field")} is not fully on screen ({box?.X}, {box?.Width})");
            }

            Assert.Equal(covered, await page.Locator("#comparison").GetAttributeAsync("data-covered"));
            Assert.True(await page.Locator("#alerts li[data-kind=\"ratio_below_margin\"]").IsVisibleAsync(), $"{at}: the alert is not shown");
            await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(directory, $"token-report-{sample}-{width}.png") });
            foreach (var section in new[] { "summary", "sec-history", "sec-supply", "sec-reserves", "sec-monthly" })
            {
                await page.Locator("#" + section).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(directory, $"token-report-{sample}-{width}-{section}.png") });
            }

            await page.CloseAsync();
        }
    }

    private static TokenReport Sample(string sample)
    {
        BigInteger btc = 80_000_000_000;
        var statement = TokenReportSamples.Circulating - btc + (sample == "healthy" ? 40_000_000 : -40_000_000); // 0.4 over or short
        var circulating = TokenReportSamples.Circulating;
        var history = Enumerable.Range(1, 30).Select(i => new TokenHistoryPoint(
            TokenReportSamples.At.AddHours(-i),
            i == 7 ? TokenStatus.EvidenceFailed : TokenStatus.Covered,
            circulating,
            circulating + (i * 7_000_000))).ToList();
        var evaluation = TokenReportSamples.Evaluation(btc, statement);
        if (sample == "node-fault")
        {
            // The canonical chain's node is down (no block pinned; a mixed-case checksummed address, the longest
            // unbreakable text of the page) and the custody node failed too: no ratio, nothing "read" as 0.
            var unpinned = new SupplyReading("ethereum", "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599", DeploymentRole.Canonical, 0, string.Empty, DateTimeOffset.UnixEpoch,
                0, 0, 0, EvidenceFailure.NodeFault, "eth_blockNumber failed after 4 attempts: connection refused (http://127.0.0.1:8545/)");
            List<SupplyReading> supply = [unpinned, TokenReportSamples.Representation()];
            List<Por.Tokens.Model.ReserveEvidence> reserves = [TokenReportSamples.Btc(0, EvidenceFailure.NodeFault), TokenReportSamples.Statement(statement)];
            evaluation = new TokenEvaluation("wbtc-like", 8, TokenReportSamples.At, supply, reserves, 0, statement, 0, TokenStatus.EvidenceFailed);
        }

        return TokenReport.Build(TokenReportSamples.Input(evaluation, TokenReportSamples.Monthly(btc, statement, 5_000_000_000), history));
    }
}
