// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.RegularExpressions;

namespace Por.Cli.Tests.Demo;

/// <summary>
/// One style everywhere (docs/formats.md "Conventions and migration"): every JSON file a demo run writes names its
/// properties in snake_case and carries a <c>por-&lt;name&gt;/&lt;n&gt;</c> format id. Keys of objects that are maps
/// (asset symbols, chain names, addresses) are data, not property names; their values are checked.
/// </summary>
public sealed partial class DemoOutputConventionsTests(DemoDirectory demo) : IClassFixture<DemoDirectory>
{
    // Objects keyed by data: the registry's and node config's chains and assets, balances and sums by asset, the
    // history's ratios by asset, and the demo chain's maps keyed by address or contract.
    private static readonly string[] s_maps = ["chains", "assets", "balances", "sums", "ratio_percent", "token_decimals", "native", "tokens"];

    [Fact]
    public void DemoRun_EveryJsonFile_SnakeCaseNamesAndDashFormatId()
    {
        var files = Directory.EnumerateFiles(demo.Path, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".json.sig", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        // The demo writes (at least) these formats, each checked below.
        var formats = new HashSet<string>(StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            var relative = Path.GetRelativePath(demo.Path, file);
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() is not { } id || !FormatId().IsMatch(id))
            {
                violations.Add($"{relative}: no por-<name>/<n> format id");
                continue;
            }

            formats.Add(id[..id.IndexOf('/', StringComparison.Ordinal)]);
            Walk(root, relative, "", isMap: false, violations);
        }

        Assert.Empty(violations);
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "por-round", "por-inclusion", "por-reserves", "por-reserves-registry", "por-nodes", "por-reserves-result",
                "por-reserves-signature", "por-demo-chain", "por-report", "por-attestation", "por-auditor-public-key",
            },
            formats);
    }

    [Theory]
    [InlineData("{\"format\": \"por-x/1\", \"someName\": 1}", "someName")]
    [InlineData("{\"format\": \"por-x/1\", \"rows\": [{\"okName\": 1}]}", "okName")]
    [InlineData("{\"format\": \"por-x/1\", \"assets\": {\"BTC\": {\"chainId\": 1}}}", "chainId")]
    public void Walk_FindsCamelCase(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        var violations = new List<string>();
        Walk(document.RootElement, "f.json", "", isMap: false, violations);
        Assert.Contains(violations, v => v.EndsWith(name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("por.round/1", false)]
    [InlineData("por_round/1", false)]
    [InlineData("por-round/v1", false)]
    [InlineData("por-round/1", true)]
    [InlineData("por-reserves-result/3", true)]
    public void FormatId_DashStyleOnly(string id, bool valid) => Assert.Equal(valid, FormatId().IsMatch(id));

    private static void Walk(JsonElement element, string file, string path, bool isMap, List<string> violations)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (!isMap && !SnakeCase().IsMatch(property.Name))
                    {
                        violations.Add($"{file}: {at}");
                    }

                    Walk(property.Value, file, at, isMap: !isMap && s_maps.Contains(property.Name, StringComparer.Ordinal) || (isMap && path.EndsWith("tokens", StringComparison.Ordinal)), violations);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, file, path + "[]", isMap: false, violations);
                }

                break;
            default:
                break;
        }
    }

    [GeneratedRegex("^[a-z0-9]+(_[a-z0-9]+)*$", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex SnakeCase();

    [GeneratedRegex("^por-[a-z0-9]+(-[a-z0-9]+)*/[1-9][0-9]*$", RegexOptions.ExplicitCapture, 1000)]
    private static partial Regex FormatId();
}
