// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.RegularExpressions;
using Por.Common;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Testing;

namespace Por.Reserves.Tests;

/// <summary>
/// The hand-written inputs moved to snake_case with a version bump (declaration por-reserves/2, registry
/// por-reserves-registry/2, nodes por-nodes/3); the previous camelCase versions are still read (deprecated). Each
/// version has exactly one spelling: a camelCase name in a new file, or a snake_case name in an old one, is an unknown
/// field; an unknown version is refused.
/// </summary>
public sealed partial class FormatVersionTests
{
    private static string Recorded(string name) => TestData.PathOf(Path.Combine("recorded", "2026-12-06-reserves", name));

    // Every row field, including the optional ones (public_key, owners, owner_scheme, chain_id).
    private static ReserveDeclaration Full() => ReserveTestFixtures.Declaration(
        ReserveTestFixtures.BitcoinRow(),
        ReserveTestFixtures.EthereumRow() with { PublicKey = "02" + new string('a', 64), Owners = ["0x" + new string('1', 40)], OwnerScheme = SignatureScheme.Eip191Hash32, ChainId = 1, Message = "m" });

    [Fact]
    public void Declaration_WriterEmitsV2SnakeCase()
    {
        var text = Encoding.UTF8.GetString(ReserveDeclarationParser.Write(Full()));
        Assert.Contains("\"format\": \"por-reserves/2\"", text, StringComparison.Ordinal);
        foreach (var name in new[] { "snapshot_height", "snapshot_block_hash", "public_key", "owner_scheme", "chain_id" })
        {
            Assert.Contains($"\"{name}\":", text, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(CamelCaseName(), text);
    }

    [Fact]
    public void Declaration_V1CamelCase_ReadsTheSameAsV2()
    {
        var v2 = ReserveDeclarationParser.Write(Full());
        var v1 = Encoding.UTF8.GetBytes(ToCamel(Encoding.UTF8.GetString(v2)).Replace("por-reserves/2", "por-reserves/1", StringComparison.Ordinal));
        var fromV1 = ReserveDeclarationParser.Parse(v1, "v1.json");
        Assert.Equal("por-reserves/1", fromV1.Format);
        Assert.Equal(v2, ReserveDeclarationParser.Write(fromV1));
        Assert.Equal(v2, ReserveDeclarationParser.Write(ReserveDeclarationParser.Parse(v2, "v2.json")));
    }

    [Fact]
    public void Declaration_RecordedV1_Reads()
    {
        var declaration = ReserveDeclarationParser.ReadFile(Recorded("reserves.json"));
        Assert.Equal(7, declaration.Rows.Count);
        Assert.All(declaration.Rows, r => Assert.Equal(1000, r.SnapshotHeight));
        Assert.Equal(31337, declaration.Rows[0].ChainId);
    }

    [Theory]
    [InlineData("por-reserves/2", "snapshotHeight", "rows[0].snapshotHeight")]
    [InlineData("por-reserves/1", "snapshot_height", "rows[0].snapshot_height")]
    public void Declaration_OtherVersionsSpelling_UnknownField(string format, string name, string field)
    {
        var v2 = Encoding.UTF8.GetString(ReserveDeclarationParser.Write(Full()));
        var text = (format == "por-reserves/1" ? ToCamel(v2) : v2).Replace("por-reserves/2", format, StringComparison.Ordinal);
        text = text.Replace("\"asset\": \"BTC\",", $"\"asset\": \"BTC\", \"{name}\": 5,", StringComparison.Ordinal);
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(text), "d.json"));
        Assert.Equal(field, ex.Field);
        Assert.Contains("unknown", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("por-reserves/3")]
    [InlineData("por-reserves/0")]
    [InlineData("por.reserves/2")]
    public void Declaration_UnknownVersion_Refused(string format)
    {
        var text = Encoding.UTF8.GetString(ReserveDeclarationParser.Write(Full())).Replace("por-reserves/2", format, StringComparison.Ordinal);
        Assert.Equal("format", Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(text), "d.json")).Field);
    }

    [Fact]
    public void Registry_RecordedV1_AndItsV2Rewrite_ReadTheSame()
    {
        var v1Text = File.ReadAllText(Recorded("registry.json"));
        Assert.Contains("\"chainId\"", v1Text, StringComparison.Ordinal);
        Assert.Contains("\"blocksBefore\"", v1Text, StringComparison.Ordinal);
        var v1 = ReserveRegistryParser.ReadFile(Recorded("registry.json"));
        var v2 = ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(ToSnake(v1Text).Replace("por-reserves-registry/1", "por-reserves-registry/2", StringComparison.Ordinal)), "r2.json");
        Assert.Equal(v1.Round, v2.Round);
        Assert.Equal(v1.Chains["demo-evm"].Identity, v2.Chains["demo-evm"].Identity);
        Assert.Equal(v1.Chains["demo-evm"].Window, v2.Chains["demo-evm"].Window);
        Assert.NotNull(v2.Chains["demo-evm"].Window);
        Assert.Equal(v1.Assets.Keys.Order(StringComparer.Ordinal), v2.Assets.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("por-reserves-registry/2", "\"chain_id\"", "\"chainId\"", "chains.ethereum.chainId")]
    [InlineData("por-reserves-registry/1", "\"chain_id\"", "\"chain_id\"", "chains.ethereum.chain_id")]
    [InlineData("por-reserves-registry/3", null, null, "format")]
    public void Registry_MixedOrUnknownVersion_Refused(string format, string? from, string? to, string field)
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("por-reserves-registry/2", format, StringComparison.Ordinal);
        if (from is not null)
        {
            text = (format.EndsWith("/1", StringComparison.Ordinal) ? text.Replace("\"bitcoin_network\"", "\"bitcoinNetwork\"", StringComparison.Ordinal) : text).Replace(from, to!, StringComparison.Ordinal);
        }

        Assert.Equal(field, Assert.Throws<InputException>(() => ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(text), "r.json")).Field);
    }

    [Theory]
    [InlineData("{\"format\":\"por-nodes/3\",\"chains\":{\"demo-evm\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\",\"max_attempts\":2,\"retry_base_delay_ms\":50,\"timeout_seconds\":10}}}", null)]
    [InlineData("{\"format\":\"por-nodes/2\",\"chains\":{\"demo-evm\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\",\"maxAttempts\":2,\"retryBaseDelayMs\":50,\"timeoutSeconds\":10}}}", null)]
    [InlineData("{\"format\":\"por-nodes/3\",\"chains\":{\"demo-evm\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\",\"maxAttempts\":2}}}", "chains.demo-evm.maxAttempts")]
    [InlineData("{\"format\":\"por-nodes/2\",\"chains\":{\"demo-evm\":{\"kind\":\"evm\",\"url\":\"http://127.0.0.1:1\",\"max_attempts\":2}}}", "chains.demo-evm.max_attempts")]
    [InlineData("{\"format\":\"por-nodes/4\",\"chains\":{}}", "format")]
    [InlineData("{\"format\":\"por-nodes/1\",\"chains\":{}}", "format")]
    public void Nodes_CurrentAndDeprecatedVersion(string json, string? errorField)
    {
        var registry = ReserveRegistryParser.ReadFile(Recorded("registry.json"));
        using var http = new HttpClient();
        if (errorField is null)
        {
            Assert.Single(NodeConfiguration.Parse(Encoding.UTF8.GetBytes(json), "nodes.json", registry, http, _ => null));
        }
        else
        {
            Assert.Equal(errorField, Assert.Throws<InputException>(() => NodeConfiguration.Parse(Encoding.UTF8.GetBytes(json), "nodes.json", registry, http, _ => null)).Field);
        }
    }

    [Fact]
    public void Nodes_RecordedV2_Reads()
    {
        var registry = ReserveRegistryParser.ReadFile(Recorded("registry.json"));
        using var http = new HttpClient();
        Assert.Single(NodeConfiguration.Parse(File.ReadAllBytes(Recorded("nodes.json")), "nodes.json", registry, http, _ => null));
    }

    [Theory]
    [InlineData("password_env", false, "password_env")]
    [InlineData("password_env", true, "passwordEnv")]
    [InlineData("retry_base_delay_ms", true, "retryBaseDelayMs")]
    [InlineData("registry_sha256", true, "registrySha256")]
    [InlineData("flag_share_basis_points", true, "flagShareBasisPoints")]
    public void LegacyNames_CamelCase(string snake, bool legacy, string expected) => Assert.Equal(expected, LegacyPropertyNames.Name(snake, legacy));

    private static string ToCamel(string json) => QuotedSnakeName().Replace(json, m => "\"" + LegacyPropertyNames.CamelCase(m.Groups["name"].Value) + "\":");

    private static string ToSnake(string json) => QuotedCamelName().Replace(json, m => "\"" + string.Concat(m.Groups["name"].Value.Select((c, i) => char.IsAsciiLetterUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : c.ToString())) + "\":");

    [GeneratedRegex("\"(?<name>[a-z0-9]+(?:_[a-z0-9]+)+)\":", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex QuotedSnakeName();

    [GeneratedRegex("\"(?<name>[a-z]+(?:[A-Z][a-z0-9]*)+)\":", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex QuotedCamelName();

    [GeneratedRegex("\"[a-z]+[A-Z][A-Za-z0-9]*\":", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex CamelCaseName();
}
