// SPDX-License-Identifier: Apache-2.0

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Por.Common;

namespace Por.Reserves.Nodes;

/// <summary>
/// Reads a "por-nodes/1" node configuration and builds one balance reader per chain. Credentials are never stored in
/// the file: Bitcoin Core basic-auth passwords come from an environment variable named by <c>passwordEnv</c>.
/// </summary>
public static class NodeConfiguration
{
    /// <summary>The only format version this reader accepts.</summary>
    public const string FormatVersion = "por-nodes/1";

    /// <summary>Parses a configuration and builds readers.</summary>
    /// <param name="json">File content.</param>
    /// <param name="sourcePath">File name for errors.</param>
    /// <param name="http">Shared HTTP client.</param>
    /// <param name="environment">Environment lookup (for passwords).</param>
    /// <returns>Readers by chain name.</returns>
    /// <exception cref="InputException">Invalid configuration.</exception>
    public static IReadOnlyDictionary<string, IChainBalanceReader> Parse(string json, string sourcePath, HttpClient http, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InputException(sourcePath, (int)(ex.LineNumber ?? -1) + 1, "(json)", ex.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || !string.Equals(format.GetString(), FormatVersion, StringComparison.Ordinal))
            {
                throw new InputException(sourcePath, 1, "format", $"expected '{FormatVersion}'");
            }

            if (!root.TryGetProperty("chains", out var chains) || chains.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(sourcePath, 1, "chains", "must be an object keyed by chain name");
            }

            var readers = new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal);
            foreach (var chain in chains.EnumerateObject())
            {
                readers[chain.Name] = Build(chain.Name, chain.Value, sourcePath, http, environment);
            }

            return readers;
        }
    }

    private static IChainBalanceReader Build(string chain, JsonElement element, string file, HttpClient http, Func<string, string?> environment)
    {
        var prefix = $"chains.{chain}.";
        var kind = String(element, "kind", file, prefix);
        var urlText = String(element, "url", file, prefix);
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (!string.Equals(url.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal) && !string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal)))
        {
            throw new InputException(file, 0, prefix + "url", "must be an absolute http(s) URL");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new InputException(file, 0, prefix + "url", "must not embed credentials; use passwordEnv");
        }

        // Bounded here so that a huge value is an input error naming the field, not an overflow in TimeSpan or the backoff.
        var policy = new RetryPolicy(
            (int)Integer(element, "maxAttempts", 4, file, prefix, 1, 100),
            TimeSpan.FromMilliseconds(Integer(element, "retryBaseDelayMs", 500, file, prefix, 0, 30_000)),
            TimeSpan.FromSeconds(Integer(element, "timeoutSeconds", 30, file, prefix, 1, 3_600)));

        var nativeAsset = String(element, "nativeAsset", file, prefix);
        switch (kind)
        {
            case "evm":
                return new EvmNode(new HttpNodeTransport(http, url, policy), Integer(element, "chainId", null, file, prefix), nativeAsset);
            case "bitcoin-core":
                var user = String(element, "user", file, prefix);
                var passwordEnv = String(element, "passwordEnv", file, prefix);
                var password = environment(passwordEnv) ?? throw new InputException(file, 0, prefix + "passwordEnv", $"environment variable {passwordEnv} is not set");
                var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
                return new BitcoinCoreNode(new HttpNodeTransport(http, url, policy, auth), Bitcoin.BitcoinNetwork.FromName(chain) ?? throw new InputException(file, 0, prefix + "kind", $"'{chain}' is not a Bitcoin-family chain"), nativeAsset);
            case "esplora":
                return new EsploraNode(new HttpNodeTransport(http, url, policy), Bitcoin.BitcoinNetwork.FromName(chain) ?? throw new InputException(file, 0, prefix + "kind", $"'{chain}' is not a Bitcoin-family chain"), nativeAsset);
            default:
                throw new InputException(file, 0, prefix + "kind", $"unknown node kind '{kind}' (evm, bitcoin-core, esplora)");
        }
    }

    private static string String(JsonElement element, string name, string file, string prefix) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new InputException(file, 0, prefix + name, "required string is missing");

    private static long Integer(JsonElement element, string name, long? fallback, string file, string prefix)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return fallback ?? throw new InputException(file, 0, prefix + name, "required integer is missing");
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new InputException(file, 0, prefix + name, "must be an integer");
    }

    private static long Integer(JsonElement element, string name, long fallback, string file, string prefix, long min, long max)
    {
        var value = Integer(element, name, fallback, file, prefix);
        return value >= min && value <= max ? value : throw new InputException(file, 0, prefix + name, $"must be an integer from {min} to {max}");
    }
}
