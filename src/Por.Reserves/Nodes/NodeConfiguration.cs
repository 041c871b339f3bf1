// SPDX-License-Identifier: Apache-2.0

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Reserves.Registry;

namespace Por.Reserves.Nodes;

/// <summary>
/// Reads a "por-nodes/3" node configuration (or the deprecated "por-nodes/2": the same fields in camelCase) strictly (unknown, missing or repeated fields are errors) and builds one
/// reader per chain. Which chain a node must serve and at which block comes from the round's registry, never from
/// this file: every configured chain must be in the registry, the kind must fit the chain's family, and an optional
/// <c>snapshot</c> must equal the registry's. Credentials are never stored in the file: Bitcoin Core passwords come
/// from the environment variable named by <c>password_env</c>.
/// </summary>
public static class NodeConfiguration
{
    /// <summary>The current format version (snake_case property names).</summary>
    public const string FormatVersion = "por-nodes/3";

    /// <summary>The previous version (camelCase property names), still read; deprecated.</summary>
    public const string LegacyFormatVersion = "por-nodes/2";

    private static readonly string[] s_commonOptional = ["max_attempts", "retry_base_delay_ms", "timeout_seconds", "snapshot"];

    /// <summary>Parses a configuration and builds readers.</summary>
    /// <param name="json">File content (UTF-8).</param>
    /// <param name="sourcePath">File name for errors.</param>
    /// <param name="registry">The round's registry (chains, identities, snapshots).</param>
    /// <param name="http">Shared HTTP client.</param>
    /// <param name="environment">Environment lookup (for passwords).</param>
    /// <returns>Readers by chain name.</returns>
    /// <exception cref="InputException">Invalid configuration.</exception>
    public static IReadOnlyDictionary<string, IChainBalanceReader> Parse(byte[] json, string sourcePath, ReserveRegistry registry, HttpClient http, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(environment);
        using var document = StrictJson.Parse(json, sourcePath);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, sourcePath, "", ["format", "chains"]);
        var format = StrictJson.String(root, "format", sourcePath, "");
        var legacy = string.Equals(format, LegacyFormatVersion, StringComparison.Ordinal);
        if (!legacy && !string.Equals(format, FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(sourcePath, 0, "format", $"'{format}' is not {FormatVersion} (or the deprecated {LegacyFormatVersion})");
        }

        var chains = root.GetProperty("chains");
        if (chains.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(sourcePath, 0, "chains", "must be an object keyed by chain name");
        }

        var readers = new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal);
        foreach (var chain in chains.EnumerateObject())
        {
            var path = "chains." + chain.Name;
            if (readers.ContainsKey(chain.Name))
            {
                throw new InputException(sourcePath, 0, path, "chain given twice");
            }

            if (!registry.Chains.TryGetValue(chain.Name, out var registryChain))
            {
                throw new InputException(sourcePath, 0, path, $"'{chain.Name}' is not a chain of the round's registry ({string.Join(", ", registry.Chains.Keys.Order(StringComparer.Ordinal))})");
            }

            readers[chain.Name] = Build(registryChain, chain.Value, sourcePath, path, http, environment, legacy);
        }

        return readers;
    }

    private static IChainBalanceReader Build(RegistryChain chain, JsonElement element, string file, string path, HttpClient http, Func<string, string?> environment, bool legacy)
    {
        string N(string snakeCase) => LegacyPropertyNames.Name(snakeCase, legacy);
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
        {
            throw new InputException(file, 0, path + ".kind", "missing: evm, bitcoin-core, esplora, tron or solana");
        }

        var kind = kindElement.GetString()!;
        var (family, extra) = kind switch
        {
            "evm" => (ChainFamily.Evm, System.Array.Empty<string>()),
            "bitcoin-core" => (ChainFamily.Bitcoin, ["user", N("password_env")]),
            "esplora" => (ChainFamily.Bitcoin, System.Array.Empty<string>()),
            "tron" => (ChainFamily.Tron, System.Array.Empty<string>()),
            "solana" => (ChainFamily.Solana, System.Array.Empty<string>()),
            _ => throw new InputException(file, 0, path + ".kind", $"unknown node kind '{kind}' (evm, bitcoin-core, esplora, tron, solana)"),
        };
        if (family != chain.Family)
        {
            throw new InputException(file, 0, path + ".kind", $"a '{kind}' node cannot serve '{chain.Name}', a {chain.Family} chain in the registry");
        }

        StrictJson.ExpectObject(element, file, path, ["kind", "url", .. extra], LegacyPropertyNames.Names(s_commonOptional, legacy));
        var urlText = StrictJson.String(element, "url", file, path);
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (!string.Equals(url.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal) && !string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal)))
        {
            throw new InputException(file, 0, path + ".url", "must be an absolute http(s) URL");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new InputException(file, 0, path + ".url", $"must not embed credentials; use {N("password_env")}");
        }

        CheckSnapshot(chain, element, file, path);

        // Bounded here so that a huge value is an input error naming the field, not an overflow in TimeSpan or the backoff.
        var policy = new RetryPolicy(
            (int)Optional(element, N("max_attempts"), 4, file, path, 1, 100),
            TimeSpan.FromMilliseconds(Optional(element, N("retry_base_delay_ms"), 500, file, path, 0, 30_000)),
            TimeSpan.FromSeconds(Optional(element, N("timeout_seconds"), 30, file, path, 1, 3_600)));
        switch (kind)
        {
            case "evm":
                return new EvmNode(new HttpNodeTransport(http, url, policy), long.Parse(chain.Identity.Value, System.Globalization.CultureInfo.InvariantCulture));
            case "bitcoin-core":
                var user = StrictJson.String(element, "user", file, path);
                var passwordEnv = StrictJson.String(element, N("password_env"), file, path);
                var password = environment(passwordEnv) ?? throw new InputException(file, 0, path + "." + N("password_env"), $"environment variable {passwordEnv} is not set");
                var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
                return new BitcoinCoreNode(new HttpNodeTransport(http, url, policy, auth), chain.BitcoinNetwork!, chain.Identity.Value);
            case "tron":
                return new TronNode(new HttpNodeTransport(http, url, policy), chain.Identity.Value);
            case "solana":
                return new SolanaNode(new HttpNodeTransport(http, url, policy), chain.Identity.Value);
            default:
                return new EsploraNode(new HttpNodeTransport(http, url, policy), chain.BitcoinNetwork!, chain.Identity.Value);
        }
    }

    // A node config may restate the snapshot its operator prepared the node for (e.g. a Bitcoin node held at H); it must
    // then be the registry's, so a node prepared for another block is caught before any read.
    private static void CheckSnapshot(RegistryChain chain, JsonElement element, string file, string path)
    {
        if (!element.TryGetProperty("snapshot", out var snapshot))
        {
            return;
        }

        StrictJson.ExpectObject(snapshot, file, path + ".snapshot", ["height", "hash"]);
        var height = StrictJson.Integer(snapshot, "height", file, path + ".snapshot", 0, long.MaxValue);
        var hash = StrictJson.String(snapshot, "hash", file, path + ".snapshot");
        if (height != chain.Snapshot.Height || !chain.Snapshot.HashEquals(hash))
        {
            throw new InputException(file, 0, path + ".snapshot", $"block {height} {hash} is not the round's snapshot of '{chain.Name}' ({chain.Snapshot.Height} {chain.Snapshot.Hash})");
        }
    }

    private static long Optional(JsonElement element, string name, long fallback, string file, string path, long min, long max) =>
        element.TryGetProperty(name, out _) ? StrictJson.Integer(element, name, file, path, min, max) : fallback;
}
