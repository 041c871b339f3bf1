// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;
using Por.Testing;

namespace Por.IntegrationTests;

/// <summary>
/// The offline web verifier (por-verify.html, as <c>por round build</c> writes it) in a real headless Chromium opened
/// from file://: honest transparent and zk files pass; every field tampered, the wrong round, the other mode and a
/// tampered batch proof fail; the page makes no request but its own file (and the blob: URLs it creates in memory);
/// screenshots at 1400 and 390 px are saved under the test output (screenshots/).
/// </summary>
public sealed class WebVerifierChromiumTests(WebVerifierBundles bundles) : IClassFixture<WebVerifierBundles>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static string Screenshots => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    [Fact]
    public void Page_IsTheSameBytesInEveryBundle()
    {
        var page = File.ReadAllBytes(bundles.Page);
        Assert.Equal(page, File.ReadAllBytes(Path.Combine(bundles.Zk, "por-verify.html")));
        Assert.True(page.Length is > 1_000_000 and < 8_000_000, $"{page.Length} bytes");
        var text = System.Text.Encoding.UTF8.GetString(page);
        Assert.Contains("connect-src 'none'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", text.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // The page is not part of the round: the manifests do not list it, and both bundles still verify with it there.
        foreach (var bundle in new[] { bundles.Transparent, bundles.Zk })
        {
            Assert.DoesNotContain("por-verify", File.ReadAllText(Path.Combine(bundle, "manifest.json")), StringComparison.Ordinal);
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            Assert.Equal(0, Por.Cli.Program.Run(["round", "verify", "--round", bundle], stdout, stderr));
        }
    }

    [Fact]
    public async Task Transparent_Honest_PassesAndShowsBalancesTotalsRoot_NoNetwork()
    {
        await using var session = await Session.OpenAsync(bundles.Page, 1400);
        await session.DropAsync(("inclusion.json", bundles.TransparentInclusion), ("manifest.json", bundles.TransparentManifest));
        Assert.Equal("pass", await session.VerdictAsync());
        var expected = Por.Verifier.PorVerifier.VerifyInclusion(bundles.TransparentInclusion, bundles.TransparentManifest);
        Assert.Equal(expected.Root, await session.Page.Locator("[data-field=root]").InnerTextAsync());
        Assert.Equal("user-7", await session.Page.Locator("[data-field=account]").InnerTextAsync());
        foreach (var b in expected.Balances)
        {
            Assert.Equal(b.ToDisplayString(), await session.Page.Locator($"#balances tr[data-asset=\"{b.Symbol}\"] [data-field=amount]").InnerTextAsync());
        }

        foreach (var t in expected.Totals!)
        {
            Assert.Equal(t.ToDisplayString(), await session.Page.Locator($"#totals tr[data-asset=\"{t.Symbol}\"] [data-field=amount]").InnerTextAsync());
        }

        Assert.Equal("2,265,000", await session.Page.Locator("#totals tr[data-asset=USDT] [data-field=amount]").InnerTextAsync());
        Assert.Equal("yes", await session.Page.Locator("[data-field=checked-against-manifest]").InnerTextAsync());
        await session.ScreenshotAsync("transparent-pass");
        session.AssertQuiet();
    }

    [Fact]
    public async Task Zk_Honest_InclusionAndBatchProofsPass_WithinSeconds_AtBothWidths()
    {
        foreach (var width in new[] { 1400, 390 })
        {
            await using var session = await Session.OpenAsync(bundles.Page, width);
            await session.DropAsync([("zk-inclusion.json", bundles.ZkInclusion), ("manifest.json", bundles.ZkManifest), .. bundles.ZkBatches]);
            Assert.Equal("pass", await session.VerdictAsync());
            Assert.Equal("pass", await session.RoundVerdictAsync());
            var ms = long.Parse((await session.Page.Locator("#round").GetAttributeAsync("data-milliseconds"))!, CultureInfo.InvariantCulture);
            Assert.True(ms < 60_000, $"2 batch proofs took {ms} ms in the browser");
            await File.AppendAllTextAsync(Path.Combine(Screenshots, "timings.txt"), $"width {width}: 2 zk batch proofs (pol-v1-n8) verified in {ms} ms; load {File.ReadAllText("/proc/loadavg").Trim()}\n");
            Assert.Equal("93.75", await session.Page.Locator("#totals tr[data-asset=BTC] [data-field=amount]").InnerTextAsync());
            Assert.Equal("2,265,000", await session.Page.Locator("#totals tr[data-asset=USDT] [data-field=amount]").InnerTextAsync());
            Assert.True(await session.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), $"horizontal overflow at {width} px");
            await session.ScreenshotAsync($"zk-pass-{width}");
            session.AssertQuiet();
        }
    }

    [Fact]
    public async Task EachFieldTampered_Fails()
    {
        await using var session = await Session.OpenAsync(bundles.Page, 1400);
        var checkedFields = 0;
        foreach (var (honest, manifest) in new[] { (bundles.TransparentInclusion, bundles.TransparentManifest), (bundles.ZkInclusion, bundles.ZkManifest) })
        {
            foreach (var (path, tampered) in JsonTampering.EachFieldTampered(honest))
            {
                await session.DropAsync(("inclusion.json", tampered), ("manifest.json", manifest));
                Assert.True(await session.VerdictAsync() == "fail", $"{path} changed, yet the page says PASS");
                checkedFields++;
            }
        }

        Assert.True(checkedFields > 40, $"{checkedFields} fields");
        session.AssertQuiet();
    }

    [Fact]
    public async Task WrongRound_OtherMode_Garbage_Fail_WithTheirReason()
    {
        await using var session = await Session.OpenAsync(bundles.Page, 390);
        await session.DropAsync(("inclusion.json", bundles.TransparentInclusion), ("manifest.json", bundles.OtherManifest));
        Assert.Equal("fail", await session.VerdictAsync());
        Assert.Equal("round_mismatch", await session.Page.Locator("#inclusion").GetAttributeAsync("data-failure-code"));
        Assert.Contains("different round", await session.Page.Locator("#inclusion [data-field=reason]").InnerTextAsync(), StringComparison.Ordinal);
        await session.ScreenshotAsync("wrong-round-fail-390");

        await session.DropAsync(("zk.json", bundles.ZkInclusion), ("manifest.json", bundles.TransparentManifest));
        Assert.Equal("fail", await session.VerdictAsync());
        Assert.Equal("mode_mismatch", await session.Page.Locator("#inclusion").GetAttributeAsync("data-failure-code"));

        await session.DropAsync(("inclusion.json", "not a por file"u8.ToArray()));
        Assert.Equal("fail", await session.VerdictAsync());
        Assert.Equal("inclusion_malformed", await session.Page.Locator("#inclusion").GetAttributeAsync("data-failure-code"));
        session.AssertQuiet();
    }

    [Fact]
    public async Task TamperedBatchProof_Fails()
    {
        await using var session = await Session.OpenAsync(bundles.Page, 1400);

        // A changed byte: the manifest's SHA-256 no longer matches.
        var batches = bundles.ZkBatches.Select(b => (b.Name, (byte[])b.Bytes.Clone())).ToList();
        var proof = batches.First(b => b.Name == "batch-00001.proof").Item2;
        proof[proof.Length / 2] ^= 1;
        await session.DropAsync([("zk.json", bundles.ZkInclusion), ("manifest.json", bundles.ZkManifest), .. batches]);
        Assert.Equal("fail", await session.RoundVerdictAsync());
        Assert.Equal("file_digest_mismatch", await session.Page.Locator("#round").GetAttributeAsync("data-failure-code"));

        // The same proof with the manifest's hash updated: the STARK verifier in the browser must reject it (and the
        // inclusion still passes against that manifest, whose round fields are unchanged).
        var manifest = JsonTampering.Edit(bundles.ZkManifest, o =>
        {
            foreach (var f in o["files"]!.AsArray())
            {
                if ((string)f!["path"]! == "batches/batch-00001.proof")
                {
                    f["sha256"] = Convert.ToHexStringLower(SHA256.HashData(proof));
                }
            }
        });
        await session.DropAsync([("zk.json", bundles.ZkInclusion), ("manifest.json", manifest), .. batches]);
        Assert.Equal("fail", await session.RoundVerdictAsync());
        Assert.Equal("batch_proof_rejected", await session.Page.Locator("#round").GetAttributeAsync("data-failure-code"));
        await session.ScreenshotAsync("batch-proof-fail-1400");
        session.AssertQuiet();
    }

    /// <summary>One page in a fresh offline browser context, recording every request, console error and page error.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;
        private readonly List<string> _requests = [];
        private readonly List<string> _errors = [];
        private readonly string _url;
        private readonly int _width;

        private Session(IPlaywright playwright, IBrowser browser, IPage page, string url, int width)
        {
            _playwright = playwright;
            _browser = browser;
            Page = page;
            _url = url;
            _width = width;
        }

        public IPage Page { get; }

        public static async Task<Session> OpenAsync(string pagePath, int width)
        {
            if (!File.Exists(ChromiumPath))
            {
                RequiredTool.Missing($"{ChromiumPath} not found: no browser to run the web verifier in (apt-get install chromium)");
            }

            var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            }).ConfigureAwait(false);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 }, Offline = true }).ConfigureAwait(false);
            var page = await context.NewPageAsync().ConfigureAwait(false);
            var url = new Uri(pagePath).AbsoluteUri;
            var session = new Session(playwright, browser, page, url, width);
            page.Request += (_, r) => session._requests.Add(r.Url);
            page.Console += (_, m) =>
            {
                if (m.Type is "error" or "warning")
                {
                    session._errors.Add(m.Text);
                }
            };
            page.PageError += (_, e) => session._errors.Add(e);
            await page.GotoAsync(url).ConfigureAwait(false);
            await page.Locator("input#files").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 }).ConfigureAwait(false);
            return session;
        }

        public async Task DropAsync(params (string Name, byte[] Bytes)[] files)
        {
            if (await Page.Locator("#clear").CountAsync().ConfigureAwait(false) > 0)
            {
                await Page.Locator("#clear").ClickAsync().ConfigureAwait(false);
                await Page.Locator("#file-list").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached }).ConfigureAwait(false);
            }

            await Page.Locator("input#files").SetInputFilesAsync(files.Select(f => new FilePayload { Name = f.Name, MimeType = "application/octet-stream", Buffer = f.Bytes })).ConfigureAwait(false);
        }

        public async Task<string> VerdictAsync()
        {
            var verdict = Page.Locator("#inclusion");
            await verdict.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 }).ConfigureAwait(false);
            return (await verdict.GetAttributeAsync("data-verdict").ConfigureAwait(false))!;
        }

        public async Task<string> RoundVerdictAsync()
        {
            var verdict = Page.Locator("#round");
            await verdict.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 }).ConfigureAwait(false);
            return (await verdict.GetAttributeAsync("data-verdict").ConfigureAwait(false))!;
        }

        public async Task ScreenshotAsync(string name)
        {
            var png = await Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(Screenshots, name + ".png") }).ConfigureAwait(false);
            Assert.True(png.Length > 10_000, $"{name}: screenshot of {png.Length} bytes at {_width} px");
        }

        /// <summary>No console error or page error, and no request but the page itself and the page's own blob: URLs.</summary>
        public void AssertQuiet()
        {
            Assert.Empty(_errors);
            Assert.Contains(_url, _requests);
            var other = _requests.Where(r => r != _url && !r.StartsWith("blob:", StringComparison.Ordinal)).ToList();
            Assert.True(other.Count == 0, "requests besides the page: " + string.Join(", ", other));
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync().ConfigureAwait(false);
            _playwright.Dispose();
        }
    }
}
