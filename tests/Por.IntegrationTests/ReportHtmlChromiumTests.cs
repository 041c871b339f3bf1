// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Microsoft.Playwright;
using Por.Common;
using Por.Reports;

namespace Por.IntegrationTests;

/// <summary>
/// Opens the demo's report.html in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
/// the page renders with no console error and no network request, the charts are drawn, and every number shown
/// equals report.json.
/// </summary>
public sealed class ReportHtmlChromiumTests(DemoOutput demo) : IClassFixture<DemoOutput>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Fact]
    public async Task ReportHtml_InChromium_RendersChartsWithoutErrorsAndMatchesJson()
    {
        if (!File.Exists(ChromiumPath))
        {
            RequiredTool.Missing($"{ChromiumPath} not found: no browser to render the report in (apt-get install chromium)");
        }

        var json = demo.Report();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        page.Request += (_, r) => requests.Add(r.Url);
        var url = new Uri(demo.ReportHtml).AbsoluteUri;
        var response = await page.GotoAsync(url);
        Assert.NotNull(response);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(errors);
        Assert.Equal([url], requests);
        Assert.Contains(json.GetProperty("round").GetProperty("id").GetString()!, await page.TitleAsync(), StringComparison.Ordinal);

        // Charts are present and drawn with a visible size.
        foreach (var chart in new[] { "#chart-ratio", "#chart-composition", "#chart-history-ratio", "#chart-history-usd", "#chart-history-accounts" })
        {
            var box = await page.Locator(chart).BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 20 }, chart + " is not rendered");
        }

        var assets = json.GetProperty("assets").EnumerateArray().ToList();
        var withRatio = assets.Where(a => a.GetProperty("ratio_percent").ValueKind == JsonValueKind.String).ToList();
        Assert.Equal(withRatio.Count, await page.Locator("#chart-ratio .bar").CountAsync());
        foreach (var a in withRatio)
        {
            var bar = page.Locator($"#chart-ratio .bar[data-asset=\"{a.GetProperty("symbol").GetString()}\"]");
            Assert.Equal(a.GetProperty("ratio_percent").GetString(), await bar.GetAttributeAsync("data-ratio"));
            Assert.Equal(a.GetProperty("below_100").GetBoolean(), (await bar.GetAttributeAsync("class"))!.Contains("below", StringComparison.Ordinal));
            Assert.Equal(a.GetProperty("below_100").GetBoolean() ? 1 : 0, await page.Locator($"#chart-ratio .shortfall[data-asset=\"{a.GetProperty("symbol").GetString()}\"]").CountAsync());
        }

        var held = assets.Count(a => a.GetProperty("reserves_usd").GetString() != "0.00");
        Assert.Equal(held > 9 ? 9 : held, await page.Locator("#chart-composition rect.slice").CountAsync());
        Assert.Equal(assets.Count(a => a.GetProperty("in_liabilities").GetBoolean()), await page.Locator("#chart-history-ratio figure.panel").CountAsync());
        Assert.Equal(2, await page.Locator("#chart-history-usd polyline.series").CountAsync());
        Assert.Equal(json.GetProperty("history").GetProperty("rounds").GetArrayLength(), await page.Locator("#history-rounds tbody tr").CountAsync());
        Assert.Equal(json.GetProperty("history").GetProperty("changes").GetArrayLength(), await page.Locator("#history-changes li[data-kind]").CountAsync());

        // Every per-asset figure carries report.json's exact value, and shows it by the display rules.
        foreach (var a in assets)
        {
            var row = page.Locator($"#assets tr[data-asset=\"{a.GetProperty("symbol").GetString()}\"]");
            var decimals = a.GetProperty("decimals").GetInt32();
            foreach (var field in new[] { "liabilities", "verified_reserves", "excess", "liabilities_usd", "reserves_usd", "excess_usd", "price_usd" })
            {
                Assert.Equal(a.GetProperty(field).GetString(), await row.Locator($"[data-field=\"{field}\"]").GetAttributeAsync("data-exact"));
            }

            Assert.Equal(DisplayFormat.Amount(Exact(a, "liabilities"), decimals), await row.Locator("[data-field=\"liabilities\"]").InnerTextAsync());
            Assert.Equal(DisplayFormat.Amount(Exact(a, "verified_reserves"), decimals), await row.Locator("[data-field=\"verified_reserves\"]").InnerTextAsync());
            Assert.Equal(DisplayFormat.CompactUsd(Exact(a, "liabilities_usd")), await row.Locator("[data-field=\"liabilities_usd\"]").InnerTextAsync());
            Assert.Equal(DisplayFormat.CompactUsd(Exact(a, "reserves_usd")), await row.Locator("[data-field=\"reserves_usd\"]").InnerTextAsync());
            var unverified = a.GetProperty("unverified_claims").GetString()!;
            Assert.Equal(unverified.Trim('0', '.').Length == 0 ? 0 : 1, await row.Locator("[data-field=\"unverified_claims\"]").CountAsync());
            var ratio = a.GetProperty("ratio_percent");
            Assert.Equal(ratio.ValueKind == JsonValueKind.String ? ratio.GetString() + "%" : "n/a", await row.Locator("[data-field=\"ratio_percent\"]").InnerTextAsync());
            var stableRatio = a.GetProperty("stable_ratio_percent");
            var notMeasured = a.GetProperty("stable_reserves").ValueKind == JsonValueKind.Null;
            Assert.Equal(stableRatio.ValueKind == JsonValueKind.String ? stableRatio.GetString() + "%" : notMeasured ? "not measured" : "n/a", await row.Locator("[data-field=\"stable_ratio_percent\"]").InnerTextAsync());
        }

        var totals = json.GetProperty("totals");
        foreach (var (field, member) in new[] { ("total-reserves-usd", "reserves_usd"), ("total-liabilities-usd", "liabilities_usd"), ("total-excess-usd", "excess_usd") })
        {
            var figure = page.Locator($"[data-field=\"{field}\"]");
            Assert.Equal(totals.GetProperty(member).GetString(), await figure.GetAttributeAsync("data-exact"));
            Assert.Equal(DisplayFormat.CompactUsd(Exact(totals, member)), await figure.InnerTextAsync());
        }

        Assert.Equal(totals.GetProperty("ratio_percent").GetString() + "%", await page.Locator("[data-field=\"total-ratio\"]").InnerTextAsync());
        Assert.Equal(json.GetProperty("coverage").GetProperty("covered_percent").GetString() + "%", await page.Locator("[data-field=\"covered-percent\"]").InnerTextAsync());
        Assert.Equal(
            json.GetProperty("flagged_below_100").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal),
            (await page.Locator("[data-field=\"flagged\"]").InnerTextAsync()).Split(", ").Order(StringComparer.Ordinal));
        var quality = json.GetProperty("quality");
        foreach (var field in new[] { "platform_token_percent", "top4_percent", "top10_percent", "stablecoin_percent" })
        {
            Assert.Equal(quality.GetProperty(field).GetString() + "%", await page.Locator($"#quality [data-field=\"{field}\"]").InnerTextAsync());
        }

        Assert.Equal(quality.GetProperty("unmatched_reserves_usd").GetString(), await page.Locator("#quality [data-field=\"unmatched_reserves_usd\"]").GetAttributeAsync("data-exact"));
        foreach (var c in json.GetProperty("rubric").EnumerateArray())
        {
            Assert.Equal(c.GetProperty("status").GetString(), await page.Locator($"#rubric tr[data-criterion=\"{c.GetProperty("id").GetString()}\"] td[data-field=\"status\"]").InnerTextAsync());
        }

        Assert.Equal("verified", await page.Locator("#attestation").GetAttributeAsync("data-status"));
        Assert.Equal("pass", await page.Locator("#rubric tr[data-criterion=\"auditor_attested\"] td[data-field=\"status\"]").InnerTextAsync());
        var screenshot = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        Assert.True(screenshot.Length > 10_000);
    }

    /// <summary>A report.json amount ("-12.50" allowed) as an exact number.</summary>
    internal static ExactNumber Exact(JsonElement owner, string member)
    {
        var text = owner.GetProperty(member).GetString()!;
        var negative = text.StartsWith('-');
        Assert.True(ExactNumber.TryParseDecimal(negative ? text[1..] : text, 40, out var value), text);
        return negative ? ExactNumber.Zero - value : value;
    }
}
