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
        Assert.Contains("data-field=\"flagged\">ETH, USDT<", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-ratio\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-composition\"", html, StringComparison.Ordinal);
        Assert.Contains("Audit &amp; Co", html, StringComparison.Ordinal);
    }
}
