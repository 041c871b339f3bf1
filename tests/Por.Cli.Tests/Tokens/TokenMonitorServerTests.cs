// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Por.Cli.Commands;
using Por.Common;
using Por.Storage;
using Por.Testing;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;

namespace Por.Cli.Tests.Tokens;

/// <summary>The monitor's HTTP endpoints on a loopback port: authentication, body validation, allow/deny, metrics, health.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TokenMonitorServerTests : IDisposable
{
    private const string Secret = "s3cr3t-mint-check-token-0123456789abcdef";
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly TempDirectory _dir = new();
    private readonly TokenHistoryStore _history;
    private readonly MonitorState _state = new();
    private readonly TokenMonitorServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public TokenMonitorServerTests()
    {
        _history = TokenHistoryStore.OpenSqlite(_dir.File("h.sqlite"));
        var tokenFile = _dir.File("token");
        File.WriteAllText(tokenFile, Secret + "\n");
        File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _server = new TokenMonitorServer($"127.0.0.1:{FreePort()}", _state, ["usdx"], TimeSpan.FromMinutes(10), MintCheckToken.Load(tokenFile), TimeSpan.FromMinutes(10),
            new UnusualMintRule(10, 99, TimeSpan.FromDays(30), 1), _history, null, TimeProvider.System);
        _server.Start();
        _serving = _server.RunAsync(_stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _serving.Wait(TimeSpan.FromSeconds(5));
        _server.Dispose();
        _history.Dispose();
        _stop.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token-wrong-token-wrong-token-0000")]
    [InlineData("Bearer s3cr3t-mint-check-token-0123456789abcdeX")]
    [InlineData("Basic " + Secret)]
    [InlineData(Secret)]
    public async Task MintCheck_WithoutTheToken_401(string? authorization)
    {
        Publish(Evaluation(1_000, 2_000, DateTimeOffset.UtcNow));
        var (status, _) = await PostAsync("""{"token":"usdx","amount":"1"}""", authorization);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("[]", "body")]
    [InlineData("""{"amount":"1"}""", "token")]
    [InlineData("""{"token":"usdx"}""", "amount")]
    [InlineData("""{"token":"usdx","amount":1}""", "amount")]
    [InlineData("""{"token":"usdx","amount":"1.5"}""", "amount")]
    [InlineData("""{"token":"usdx","amount":"-1"}""", "amount")]
    [InlineData("""{"token":"usdx","amount":"0"}""", "amount")]
    [InlineData("""{"token":"usdx","amount":"01"}""", "amount")]
    [InlineData("""{"token":"usdx","amount":"1","memo":"x"}""", "memo")]
    [InlineData("""{"token":"usdx","amount":"1","amount":"2"}""", "body")]
    [InlineData("""{"token":"other","amount":"1"}""", "token")]
    public async Task MintCheck_MalformedBody_400NamingTheField(string body, string field)
    {
        var (status, json) = await PostAsync(body, "Bearer " + Secret);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, json.GetProperty("field").GetString());
    }

    [Fact]
    public async Task MintCheck_WithinReserves_Allow_AboveReserves_Deny()
    {
        Publish(Evaluation(1_000_000, 1_500_000, DateTimeOffset.UtcNow));
        Record(200_000, 300_000, 400_000);
        var (status, allow) = await PostAsync("""{"token":"usdx","amount":"500000"}""", "Bearer " + Secret);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("allow", "allowed"), (allow.GetProperty("decision").GetString(), allow.GetProperty("code").GetString()));
        Assert.Equal(TokenMonitorServer.MintCheckFormat, allow.GetProperty("format").GetString());

        var (_, deny) = await PostAsync("""{"token":"usdx","amount":"500001"}""", "Bearer " + Secret);
        Assert.Equal(("deny", "exceeds_reserves"), (deny.GetProperty("decision").GetString(), deny.GetProperty("code").GetString()));
        Assert.Contains("500001", deny.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MintCheck_StaleEvaluation_Deny()
    {
        Publish(Evaluation(1_000, 1_000_000, DateTimeOffset.UtcNow.AddMinutes(-11)));
        var (_, deny) = await PostAsync("""{"token":"usdx","amount":"1"}""", "Bearer " + Secret);
        Assert.Equal(("deny", "stale_feed"), (deny.GetProperty("decision").GetString(), deny.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task MintCheck_FailedEvidence_Or_NoEvaluation_Deny()
    {
        var (_, none) = await PostAsync("""{"token":"usdx","amount":"1"}""", "Bearer " + Secret);
        Assert.Equal("no_evaluation", none.GetProperty("code").GetString());
        Publish(Evaluation(1_000, 1_000_000, DateTimeOffset.UtcNow, EvidenceFailure.Ripcord));
        var (_, failed) = await PostAsync("""{"token":"usdx","amount":"1"}""", "Bearer " + Secret);
        Assert.Equal(("deny", "evidence_failed"), (failed.GetProperty("decision").GetString(), failed.GetProperty("code").GetString()));
        Assert.Contains("reserve feed: ripcord", failed.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MintCheck_UnusualAmountWithinReserves_NeedsSecondApproval()
    {
        var usd = BigInteger.Pow(10, 6);
        Publish(Evaluation(1_000 * usd, BigInteger.Pow(10, 30), DateTimeOffset.UtcNow));
        Record(300_000_000 * usd, 250_000_000 * usd);
        var amount = 300_000_000_000_000 * usd;
        var (_, deny) = await PostAsync($$"""{"token":"usdx","amount":"{{amount}}"}""", "Bearer " + Secret);
        Assert.Equal(("deny", "needs_second_approval"), (deny.GetProperty("decision").GetString(), deny.GetProperty("code").GetString()));
        var (_, allow) = await PostAsync($$"""{"token":"usdx","amount":"{{300_000_000 * usd}}"}""", "Bearer " + Secret);
        Assert.Equal("allowed", allow.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Metrics_AndHealth()
    {
        var (unhealthy, _) = await GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy);
        Publish(Evaluation(3, 4, DateTimeOffset.UtcNow));
        _state.CountNodeFault("usdx", "reserve feed");
        var (healthy, _) = await GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy);
        using var response = await s_http.GetAsync(new Uri(_server.Prefix, "/metrics"));
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("por_token_ratio{token=\"usdx\"} 1.333333333\n", text, StringComparison.Ordinal);
        Assert.Contains("por_token_status{token=\"usdx\",status=\"covered\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("por_token_reserves{token=\"usdx\",source=\"feed\",class=\"reserve_feed\",failure=\"none\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("por_token_node_faults_total{token=\"usdx\",source=\"reserve feed\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE por_token_evidence_age_seconds gauge\n", text, StringComparison.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            Assert.Matches("^[a-z_]+\\{([a-z_]+=\"[^\"]*\",?)*\\} -?[0-9.]+$", line);
        }

        Publish(Evaluation(3, 4, DateTimeOffset.UtcNow.AddMinutes(-11)));
        var (old, body) = await GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, old);
        Assert.Contains("old", body, StringComparison.Ordinal);
        Publish(Evaluation(3, 4, DateTimeOffset.UtcNow, EvidenceFailure.Stale));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync("/healthz")).Status);
    }

    [Fact]
    public void TokenFile_ReadableByOthers_IsRefused()
    {
        var file = _dir.File("open-token");
        File.WriteAllText(file, Secret);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var e = Assert.Throws<InputException>(() => MintCheckToken.Load(file));
        Assert.Contains("chmod 600", e.Reason, StringComparison.Ordinal);
        File.SetUnixFileMode(file, UnixFileMode.UserRead);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(file, "short");
        Assert.Throws<InputException>(() => MintCheckToken.Load(file));
    }

    private static TokenEvaluation Evaluation(BigInteger supply, BigInteger reserves, DateTimeOffset at, EvidenceFailure failure = EvidenceFailure.None)
    {
        IReadOnlyList<SupplyReading> s = [new("ethereum", "0xaa", DeploymentRole.Canonical, 1, "0x01", at, supply, 0, supply, EvidenceFailure.None, "read")];
        IReadOnlyList<ReserveEvidence> r = [new("feed", EvidenceClass.ReserveFeed, reserves, at, "round 1", failure, "feed")];
        return new TokenEvaluation("usdx", 6, at, s, r, supply, reserves, 0, TokenEvaluation.StatusOf(s, r, supply, reserves, 0));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private void Publish(TokenEvaluation e) => _state.Publish("usdx", new StoredEvaluation(new MonitorSlot(ScheduleKind.Seconds, 600), e, null), counted: true);

    private void Record(params BigInteger[] amounts)
    {
        var now = DateTimeOffset.UtcNow;
        var slot = new MonitorSlot(ScheduleKind.Seconds, now.ToUnixTimeSeconds());
        var mints = amounts.Select((a, i) => new MintEvent("ethereum", "0xaa", i + 1, "0xt" + i, 0, a, now.AddDays(-1))).ToList();
        Assert.True(_history.Record("usdx", new MonitorRecord(slot, Evaluation(1, 1, now), null, [], mints, [], [], [], false)));
    }

    private async Task<(HttpStatusCode Status, JsonElement Json)> PostAsync(string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.Prefix, "/v1/mint-check")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await s_http.SendAsync(request).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        return (response.StatusCode, document.RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await s_http.GetAsync(new Uri(_server.Prefix, path)).ConfigureAwait(false);
        return (response.StatusCode, await response.Content.ReadAsStringAsync().ConfigureAwait(false));
    }
}
