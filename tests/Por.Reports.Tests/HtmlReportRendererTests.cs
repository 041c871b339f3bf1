// SPDX-License-Identifier: Apache-2.0

using Por.Reports.Attestation;

namespace Por.Reports.Tests;

public sealed class HtmlReportRendererTests
{
    [Fact]
    public void Render_SelfContained_NoScriptNoExternalResource()
    {
        using var f = new ReportFixture();
        var html = HtmlReportRenderer.Render(f.Compute(), null);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" href=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(html.Split("http://").Length, html.Split("xmlns=\"http://www.w3.org/2000/svg\"").Length);
    }

    [Fact]
    public void Render_CustodianNameWithMarkup_Escaped()
    {
        using var f = new ReportFixture();
        var report = f.Compute() with { Custodian = "<img src=x onerror=alert(1)>" };
        var html = HtmlReportRenderer.Render(report, null);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FlaggedAssetsAndCharts_Present()
    {
        using var f = new ReportFixture();
        var html = HtmlReportRenderer.Render(f.Compute(), new AttestationSummary("Audit & Co", "ed25519", "ab", "2026-11-21T00:00:00Z", true, AttestationFailure.None));
        Assert.Contains("data-field=\"flagged\">USDT, ETH<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-ratio\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-composition\"", html, StringComparison.Ordinal);
        Assert.Contains("Audit &amp; Co", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ZeroPercentAsset_FirstWithTheLongestShortfallBar()
    {
        using var f = new ReportFixture();
        var html = HtmlReportRenderer.Render(f.Compute(), null);
        var chart = html[html.IndexOf("<div id=\"chart-ratio\"", StringComparison.Ordinal)..];
        chart = chart[..chart.IndexOf("<section id=\"sec-limits\"", StringComparison.Ordinal)];

        // USDT (0%) first, then ETH (95%), then BTC (106.66%); the scale is 0–150%.
        Assert.True(chart.IndexOf("data-asset=\"USDT\"", StringComparison.Ordinal) < chart.IndexOf("data-asset=\"ETH\"", StringComparison.Ordinal));
        Assert.True(chart.IndexOf("data-asset=\"ETH\"", StringComparison.Ordinal) < chart.IndexOf("data-asset=\"BTC\"", StringComparison.Ordinal));
        Assert.Contains("<span class=\"bar below\" data-asset=\"USDT\" data-ratio=\"0.00\" style=\"width:0.00%\"></span><span class=\"shortfall\" data-asset=\"USDT\" style=\"left:0.00%;width:66.66%\"", chart, StringComparison.Ordinal);
        Assert.Contains("<span class=\"shortfall\" data-asset=\"ETH\" style=\"left:63.33%;width:3.33%\"", chart, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"shortfall\" data-asset=\"BTC\"", chart, StringComparison.Ordinal);
        Assert.Contains("<li data-asset=\"USDT\"><strong>USDT: 0.00% covered</strong>, short 1,500 USDT ($1.50K): no verified reserves; 1 claimed wallet(s) failed verification.</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Figures_CompactTextExactValueInDataExactAndTooltip()
    {
        using var f = new ReportFixture();
        var report = f.Compute();
        var html = HtmlReportRenderer.Render(report, null);

        // Reserves: BTC 1.6 × 100,000 + ETH 9.5 × 4,000 + OKB 100 × 50 = 203,000 USD; liabilities 150,000 + 40,000 + 1,500.
        Assert.Contains("data-field=\"total-reserves-usd\" data-exact=\"203000.00\" title=\"$203,000.00\">$203K<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"total-liabilities-usd\" data-exact=\"191500.00\" title=\"$191,500.00\">$191K<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"total-ratio\" data-exact=\"106.00\" title=\"exactly 406/383\">106.00%<", html, StringComparison.Ordinal);

        // ETH: 18 decimals on one side, yet 9.5 shows as "9.5", exact value kept.
        Assert.Contains("data-field=\"verified_reserves\" data-exact=\"9.500000000000000000\" title=\"9.500000000000000000 ETH\">9.5<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"excess\" data-exact=\"-0.500000000000000000\" title=\"-0.500000000000000000 ETH\">short 0.5<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"excess_usd\" data-exact=\"-2000.00\" title=\"-$2,000.00\">-$2.00K<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LimitsSection_NamesWhatTheRoundDoesNotProve()
    {
        using var f = new ReportFixture();
        var html = HtmlReportRenderer.Render(f.Compute(), null);
        Assert.Contains("<section id=\"sec-limits\"><h2>What this round proves, and what it does not</h2>", html, StringComparison.Ordinal);
        foreach (var code in new[] { "omitted_accounts", "other_liabilities", "borrowed_reserves", "prices", "point_in_time", "uncovered_assets", "unmatched_reserves", "platform_token", "privacy" })
        {
            Assert.Contains($"<li data-limit=\"{code}\">", html, StringComparison.Ordinal);
        }

        // No window was measured in this round: the reader is told that even short borrowing is not detected.
        Assert.Contains("This round measured no window around the snapshot", html, StringComparison.Ordinal);
        Assert.Contains("USDT: customers hold them, but no wallet verified for them ($1.50K of liabilities).", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FullyCovered_GreenVerdictAndNoShortfallList()
    {
        using var f = new ReportFixture();
        var report = f.Compute();
        report = report with { Assets = [.. report.Assets.Where(a => a.Symbol is "BTC" or "OKB")] };
        var html = HtmlReportRenderer.Render(report, null);
        Assert.Contains("<section id=\"summary\" class=\"headline\"><p class=\"verdict ok\" id=\"flagged\">Fully covered: the one asset customers hold is backed 100% or more by verified reserves.</p>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"shortfalls\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"shortfall\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Headline_Text_CompactTotalsAndAssetsBelowFullWorstFirst()
    {
        using var f = new ReportFixture();
        Assert.Equal("overall 106.00%: verified reserves $203K, customer liabilities $191K; below 100%: USDT 0.00%, ETH 95.00%", ReportSummaryText.Headline(f.Compute()));
    }
}
