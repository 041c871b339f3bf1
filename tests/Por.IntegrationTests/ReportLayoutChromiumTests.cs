// SPDX-License-Identifier: Apache-2.0

using Microsoft.Playwright;

namespace Por.IntegrationTests;

/// <summary>
/// The demo's report.html laid out by a real headless Chromium (Debian's /usr/bin/chromium through Playwright) at a
/// desktop width (1400 px) and a phone width (390 px), for 8 assets and for all 24: no horizontal overflow, no element
/// whose content is wider than its box (text cut off or hidden behind a scrollbar), every SVG drawing inside its view
/// box, every asset's row and figures on screen, and the 0% asset's shortfall bar first and clearly visible. Full-page
/// screenshots are written to artifacts/screenshots/ (or $POR_SCREENSHOT_DIR) for people to look at.
/// </summary>
public sealed class ReportLayoutChromiumTests(DemoOutput eight, ManyAssetsDemoOutput many) : IClassFixture<DemoOutput>, IClassFixture<ManyAssetsDemoOutput>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    // Every element (outside SVG) whose content is wider than its box: cut-off text, or content behind a scrollbar.
    private const string OverflowingElements = """
        () => {
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : '')
            + (el.dataset.asset ? '[asset=' + el.dataset.asset + ']' : '') + (el.dataset.field ? '[field=' + el.dataset.field + ']' : '')
            + ' "' + (el.innerText || '').slice(0, 40).replace(/\s+/g, ' ') + '"';
          const bad = [];
          for (const el of document.body.querySelectorAll('*')) {
            if (el.closest('svg')) continue;
            const cs = getComputedStyle(el);
            if (cs.display === 'none' || cs.display === 'inline' || cs.display === 'contents' || el.clientWidth === 0) continue;
            if (el.scrollWidth > el.clientWidth + 1) bad.push(describe(el) + ': content ' + el.scrollWidth + ' px in a box of ' + el.clientWidth + ' px (overflow-x ' + cs.overflowX + ')');
          }
          return bad;
        }
        """;

    // Every SVG element whose drawing leaves its SVG's view box (it would be clipped), and every SVG wider than the page.
    private const string SvgOutsideViewBox = """
        () => {
          const bad = [];
          for (const svg of document.querySelectorAll('svg')) {
            const vb = svg.viewBox.baseVal;
            const r = svg.getBoundingClientRect();
            if (r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5) bad.push('svg#' + svg.id + ' spans ' + r.left + '..' + r.right);
            for (const el of svg.querySelectorAll('text, circle, rect, line, polyline, path')) {
              const b = el.getBBox();
              if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5)
                bad.push((svg.id || svg.getAttribute('aria-label')) + ' ' + el.tagName + ' bbox ' + [b.x, b.y, b.width, b.height].join(',') + ' outside ' + [vb.x, vb.y, vb.width, vb.height].join(','));
            }
          }
          return bad;
        }
        """;

    [Theory]
    [InlineData(8)]
    [InlineData(24)]
    public async Task Report_DesktopAndPhone_NoOverflowNoClippingEveryAssetVisible(int assetCount)
    {
        var demo = assetCount == eight.Assets ? eight : many;
        Assert.Equal(assetCount, demo.Assets);
        var name = $"report-{assetCount}-assets";
        if (!File.Exists(ChromiumPath))
        {
            RequiredTool.Missing($"{ChromiumPath} not found: no browser to lay the report out in (apt-get install chromium)");
        }

        var json = demo.Report();
        var assets = json.GetProperty("assets").EnumerateArray().ToList();
        Assert.Contains(assets, a => a.GetProperty("ratio_percent").GetString() == "0.00");
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
            await page.GotoAsync(new Uri(demo.ReportHtml).AbsoluteUri);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var at = $"{name} at {width} px";

            var scrollWidth = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
            var innerWidth = await page.EvaluateAsync<int>("() => window.innerWidth");
            Assert.True(scrollWidth <= innerWidth, $"{at}: the page is {scrollWidth} px wide in a {innerWidth} px window (horizontal scrolling)");
            var overflowing = await page.EvaluateAsync<string[]>(OverflowingElements);
            Assert.True(overflowing.Length == 0, $"{at}: content wider than its box:\n" + string.Join('\n', overflowing));
            var outside = await page.EvaluateAsync<string[]>(SvgOutsideViewBox);
            Assert.True(outside.Length == 0, $"{at}: SVG drawing outside its view box:\n" + string.Join('\n', outside));

            // Every asset has its row, and every figure of it is on screen (no column hidden or cut off).
            foreach (var a in assets)
            {
                var symbol = a.GetProperty("symbol").GetString()!;
                var row = page.Locator($"#assets tr[data-asset=\"{symbol}\"]");
                Assert.True(await row.IsVisibleAsync(), $"{at}: no visible row for {symbol}");
                foreach (var figure in await row.Locator("[data-field]").AllAsync())
                {
                    var box = await figure.BoundingBoxAsync();
                    Assert.True(box is { Width: > 0, Height: > 0 } && box.X >= 0 && box.X + box.Width <= innerWidth, $"{at}: {symbol} {await figure.GetAttributeAsync("data-field")} is not fully on screen ({box?.X}, {box?.Width})");
                }
            }

            // The 0% asset comes first in the ratio chart, and its shortfall bar is long and red.
            var zero = assets.First(a => a.GetProperty("ratio_percent").GetString() == "0.00").GetProperty("symbol").GetString()!;
            Assert.Equal(zero, await page.Locator("#chart-ratio .bar-row").First.GetAttributeAsync("data-asset"));
            var track = await page.Locator($"#chart-ratio .bar-row[data-asset=\"{zero}\"] .track").BoundingBoxAsync();
            var shortfall = page.Locator($"#chart-ratio .shortfall[data-asset=\"{zero}\"]");
            var bar = await shortfall.BoundingBoxAsync();
            Assert.True(track is not null && bar is not null && bar.Width >= track.Width / 2 && bar.Height >= 10, $"{at}: the {zero} shortfall bar is {bar?.Width} px of a {track?.Width} px track");
            Assert.Contains("220, 38, 38", await shortfall.EvaluateAsync<string>("el => getComputedStyle(el).backgroundImage"), StringComparison.Ordinal);
            Assert.True(await page.Locator($"#shortfalls li[data-asset=\"{zero}\"]").IsVisibleAsync(), $"{at}: {zero} is not in the headline's shortfall list");

            // The changes are summarised, the full list collapsed; the limits are listed.
            Assert.True(await page.Locator("#changes-summary [data-field=\"change-count\"]").IsVisibleAsync());
            Assert.False(await page.Locator("#history-changes").IsVisibleAsync(), $"{at}: the full list of changes should start collapsed");
            foreach (var limit in new[] { "omitted_accounts", "other_liabilities", "borrowed_reserves", "prices" })
            {
                Assert.True(await page.Locator($"#limits li[data-limit=\"{limit}\"]").IsVisibleAsync(), $"{at}: limit {limit} not shown");
            }

            var path = Path.Combine(directory, $"{name}-{width}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = path });
            Assert.True(new FileInfo(path).Length > 20_000, path);
            await page.CloseAsync();
        }
    }
}
