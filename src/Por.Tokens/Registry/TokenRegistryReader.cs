// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.RegularExpressions;
using Por.Common;
using Por.Reserves.Bitcoin;
using Por.Reserves.Evm;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Tokens.Model;

namespace Por.Tokens.Registry;

/// <summary>
/// Reads a <c>por-token-registry/1</c> file strictly (docs/token-por.md §2): unknown, missing or repeated fields,
/// wrong types, out-of-range numbers and inconsistent references are <see cref="InputException"/>s naming the file,
/// the line and the field path. Declared chain ids and decimals are claims: they are checked against the chain when
/// the supply is read, not here.
/// </summary>
public static partial class TokenRegistryReader
{
    private static readonly string[] s_nodeOptional = ["max_attempts", "retry_base_delay_ms", "timeout_seconds"];

    /// <summary>Reads a registry file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="InputException">The file is invalid.</exception>
    public static TokenRegistry Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses registry bytes.</summary>
    /// <param name="json">The file content.</param>
    /// <param name="file">The file name, for errors.</param>
    /// <returns>The registry.</returns>
    /// <exception cref="InputException">The content is invalid.</exception>
    public static TokenRegistry Parse(byte[] json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = StrictJson.Parse(json, file);
        var lines = new JsonLineMap(json);
        try
        {
            return ParseRoot(document.RootElement, file, lines);
        }
        catch (InputException e)
        {
            throw lines.Locate(e);
        }
    }

    private static TokenRegistry ParseRoot(JsonElement root, string file, JsonLineMap lines)
    {
        StrictJson.ExpectObject(root, file, "", ["format", "chains", "tokens"]);
        var format = StrictJson.String(root, "format", file, "");
        if (!string.Equals(format, TokenRegistry.FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "format", $"'{format}' is not {TokenRegistry.FormatVersion}");
        }

        var chainsElement = root.GetProperty("chains");
        if (chainsElement.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, 0, "chains", "expected an object keyed by chain name");
        }

        var chains = new Dictionary<string, TokenChain>(StringComparer.Ordinal);
        foreach (var property in chainsElement.EnumerateObject())
        {
            var path = "chains." + property.Name;
            if (!NamePattern().IsMatch(property.Name))
            {
                throw new InputException(file, 0, path, "a chain name is 1-64 characters of a-z, 0-9, '-' and '_'");
            }

            if (chains.ContainsKey(property.Name))
            {
                throw new InputException(file, 0, path, "chain given twice");
            }

            chains[property.Name] = ParseChain(property.Name, property.Value, file, path);
        }

        var tokensElement = StrictJson.Array(root, "tokens", file, "");
        if (tokensElement.GetArrayLength() == 0)
        {
            throw new InputException(file, 0, "tokens", "at least one token is required");
        }

        var tokens = new List<TokenDefinition>();
        var index = 0;
        foreach (var element in tokensElement.EnumerateArray())
        {
            var token = ParseToken(element, file, $"tokens[{index}]", chains, lines);
            if (tokens.Any(t => string.Equals(t.Id, token.Id, StringComparison.Ordinal)))
            {
                throw new InputException(file, 0, $"tokens[{index}].id", $"token '{token.Id}' given twice");
            }

            tokens.Add(token);
            index++;
        }

        return new TokenRegistry(file, chains, tokens);
    }

    private static TokenChain ParseChain(string name, JsonElement element, string file, string path)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("family", out _))
        {
            throw new InputException(file, 0, StrictJson.Join(path, "family"), "missing: evm or bitcoin");
        }

        var family = StrictJson.String(element, "family", file, path);
        switch (family)
        {
            case "evm":
            {
                StrictJson.ExpectObject(element, file, path, ["family", "chain_id", "reorg_margin", "node"], ["finalized_tag"]);
                var chainId = StrictJson.Integer(element, "chain_id", file, path, 1, long.MaxValue);
                var margin = StrictJson.Integer(element, "reorg_margin", file, path, 0, 1_000_000);
                var finalizedTag = element.TryGetProperty("finalized_tag", out var tag)
                    && (tag.ValueKind is JsonValueKind.True or JsonValueKind.False ? tag.GetBoolean() : throw new InputException(file, 0, path + ".finalized_tag", "expected true or false"));
                var node = ParseNode(element.GetProperty("node"), file, path + ".node", ChainFamily.Evm);
                return new TokenChain(name, ChainFamily.Evm, chainId, null, null, margin, finalizedTag, node);
            }

            case "bitcoin":
            {
                StrictJson.ExpectObject(element, file, path, ["family", "network", "genesis", "reorg_margin", "node"]);
                var networkName = StrictJson.String(element, "network", file, path);
                var network = BitcoinNetwork.FromName(networkName)
                    ?? throw new InputException(file, 0, path + ".network", $"unknown network '{networkName}'");
                var genesis = StrictJson.String(element, "genesis", file, path);
                if (!HashPattern().IsMatch(genesis))
                {
                    throw new InputException(file, 0, path + ".genesis", "expected the genesis block hash as 64 lower-case hex digits");
                }

                var margin = StrictJson.Integer(element, "reorg_margin", file, path, 0, 1_000_000);
                var node = ParseNode(element.GetProperty("node"), file, path + ".node", ChainFamily.Bitcoin);
                return new TokenChain(name, ChainFamily.Bitcoin, null, network, genesis, margin, false, node);
            }

            default:
                throw new InputException(file, 0, path + ".family", $"unknown family '{family}' (evm, bitcoin)");
        }
    }

    private static NodeEndpoint ParseNode(JsonElement element, string file, string path, ChainFamily family)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
        {
            throw new InputException(file, 0, path + ".kind", "missing: evm, bitcoin-core or esplora");
        }

        var kind = kindElement.GetString()!;
        var (nodeFamily, extra) = kind switch
        {
            "evm" => (ChainFamily.Evm, Array.Empty<string>()),
            "bitcoin-core" => (ChainFamily.Bitcoin, ["user", "password_env"]),
            "esplora" => (ChainFamily.Bitcoin, Array.Empty<string>()),
            _ => throw new InputException(file, 0, path + ".kind", $"unknown node kind '{kind}' (evm, bitcoin-core, esplora)"),
        };
        if (nodeFamily != family)
        {
            throw new InputException(file, 0, path + ".kind", $"a '{kind}' node cannot serve a {family.ToString().ToLowerInvariant()} chain");
        }

        StrictJson.ExpectObject(element, file, path, ["kind", "url", .. extra], s_nodeOptional);
        var urlText = StrictJson.String(element, "url", file, path);
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url)
            || (!string.Equals(url.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal) && !string.Equals(url.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal)))
        {
            throw new InputException(file, 0, path + ".url", "must be an absolute http(s) URL");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            throw new InputException(file, 0, path + ".url", "must not embed credentials (Bitcoin Core: use user and password_env)");
        }

        var policy = new RetryPolicy(
            (int)Optional(element, "max_attempts", 4, file, path, 1, 100),
            TimeSpan.FromMilliseconds(Optional(element, "retry_base_delay_ms", 500, file, path, 0, 30_000)),
            TimeSpan.FromSeconds(Optional(element, "timeout_seconds", 30, file, path, 1, 3_600)));
        string? user = null;
        string? passwordEnv = null;
        if (string.Equals(kind, "bitcoin-core", StringComparison.Ordinal))
        {
            user = StrictJson.String(element, "user", file, path);
            passwordEnv = StrictJson.String(element, "password_env", file, path);
            if (passwordEnv.Length == 0)
            {
                throw new InputException(file, 0, path + ".password_env", "must name an environment variable");
            }
        }

        return new NodeEndpoint(kind, url, policy, user, passwordEnv);
    }

    private static TokenDefinition ParseToken(JsonElement element, string file, string path, Dictionary<string, TokenChain> chains, JsonLineMap lines)
    {
        StrictJson.ExpectObject(element, file, path, ["id", "decimals", "margin_bps", "deployments", "exclusions", "reserves"]);
        var id = Name(element, "id", file, path);
        var decimals = (int)StrictJson.Integer(element, "decimals", file, path, 0, 77);
        var margin = (int)StrictJson.Integer(element, "margin_bps", file, path, 0, 1_000_000);

        var deployments = new List<TokenDeployment>();
        var deploymentsElement = StrictJson.Array(element, "deployments", file, path);
        if (deploymentsElement.GetArrayLength() == 0)
        {
            throw new InputException(file, 0, path + ".deployments", "at least one deployment is required");
        }

        var i = 0;
        foreach (var d in deploymentsElement.EnumerateArray())
        {
            deployments.Add(ParseDeployment(d, file, $"{path}.deployments[{i}]", chains, deployments));
            i++;
        }

        if (deployments.Count(d => d.Role == DeploymentRole.Canonical) > 1)
        {
            var second = deployments.Where(d => d.Role == DeploymentRole.Canonical).Skip(1).First();
            throw new InputException(file, 0, $"{path}.deployments[{deployments.IndexOf(second)}].role", "a token has at most one canonical deployment");
        }

        // Escrows refer to deployments that count in full, which may come later in the file: checked after all are read.
        for (var k = 0; k < deployments.Count; k++)
        {
            if (deployments[k].Escrow is not { } escrow)
            {
                continue;
            }

            var escrowPath = $"{path}.deployments[{k}].escrow.deployment";
            var backing = deployments.FirstOrDefault(d => string.Equals(d.Id, escrow.Deployment, StringComparison.Ordinal))
                ?? throw new InputException(file, 0, escrowPath, $"no deployment '{escrow.Deployment}' in token '{id}'");
            if (backing.Role == DeploymentRole.LockAndMint)
            {
                throw new InputException(file, 0, escrowPath, $"'{escrow.Deployment}' is itself a lock-and-mint representation; an escrow must hold units of a deployment that counts in full");
            }

            if (string.Equals(backing.Chain, deployments[k].Chain, StringComparison.Ordinal)
                && string.Equals(backing.Contract, deployments[k].Contract, StringComparison.Ordinal))
            {
                throw new InputException(file, 0, escrowPath, "a representation cannot be its own escrow");
            }
        }

        var exclusions = new List<SupplyExclusion>();
        i = 0;
        foreach (var x in StrictJson.Array(element, "exclusions", file, path).EnumerateArray())
        {
            var exclusion = ParseExclusion(x, file, $"{path}.exclusions[{i}]", deployments);
            if (exclusions.Any(e => string.Equals(e.Deployment, exclusion.Deployment, StringComparison.Ordinal) && string.Equals(e.Address, exclusion.Address, StringComparison.Ordinal)))
            {
                throw new InputException(file, 0, $"{path}.exclusions[{i}].address", $"{exclusion.Address} is already excluded on '{exclusion.Deployment}': it would be subtracted twice");
            }

            exclusions.Add(exclusion);
            i++;
        }

        var reserves = new List<ReserveSource>();
        var reservesElement = StrictJson.Array(element, "reserves", file, path);
        if (reservesElement.GetArrayLength() == 0)
        {
            throw new InputException(file, 0, path + ".reserves", "at least one reserve source is required");
        }

        i = 0;
        foreach (var r in reservesElement.EnumerateArray())
        {
            var sourcePath = $"{path}.reserves[{i}]";
            if (r.ValueKind != JsonValueKind.Object)
            {
                throw new InputException(file, 0, sourcePath, "expected an object");
            }

            foreach (var required in new[] { "id", "kind" })
            {
                if (!r.TryGetProperty(required, out _))
                {
                    throw new InputException(file, 0, sourcePath + "." + required, "missing");
                }
            }

            var sourceId = Name(r, "id", file, sourcePath);
            var kind = StrictJson.String(r, "kind", file, sourcePath);
            if (!KindPattern().IsMatch(kind))
            {
                throw new InputException(file, 0, sourcePath + ".kind", "a source kind is 1-64 characters of a-z, 0-9 and '_'");
            }

            if (reserves.Any(s => string.Equals(s.Id, sourceId, StringComparison.Ordinal)))
            {
                throw new InputException(file, 0, sourcePath + ".id", $"reserve source '{sourceId}' given twice");
            }

            reserves.Add(new ReserveSource(sourceId, kind, r.Clone(), file, lines.LineOf(sourcePath), sourcePath));
            i++;
        }

        return new TokenDefinition(id, decimals, margin, deployments, exclusions, reserves);
    }

    private static TokenDeployment ParseDeployment(JsonElement element, string file, string path, Dictionary<string, TokenChain> chains, List<TokenDeployment> earlier)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("role", out _))
        {
            throw new InputException(file, 0, StrictJson.Join(path, "role"), "missing: canonical, lock_and_mint, burn_and_mint or deprecated_bridge");
        }

        var roleText = StrictJson.String(element, "role", file, path);
        var role = roleText switch
        {
            "canonical" => DeploymentRole.Canonical,
            "lock_and_mint" => DeploymentRole.LockAndMint,
            "burn_and_mint" => DeploymentRole.BurnAndMint,
            "deprecated_bridge" => DeploymentRole.DeprecatedBridge,
            _ => throw new InputException(file, 0, path + ".role", $"unknown role '{roleText}' (canonical, lock_and_mint, burn_and_mint, deprecated_bridge)"),
        };
        string[] names = role == DeploymentRole.LockAndMint
            ? ["id", "chain", "contract", "decimals", "role", "escrow"]
            : ["id", "chain", "contract", "decimals", "role"];
        StrictJson.ExpectObject(element, file, path, names);
        var id = Name(element, "id", file, path);
        if (earlier.Any(d => string.Equals(d.Id, id, StringComparison.Ordinal)))
        {
            throw new InputException(file, 0, path + ".id", $"deployment '{id}' given twice");
        }

        var chain = StrictJson.String(element, "chain", file, path);
        if (!chains.TryGetValue(chain, out var chainEntry))
        {
            throw new InputException(file, 0, path + ".chain", $"'{chain}' is not a chain of the registry ({string.Join(", ", chains.Keys.Order(StringComparer.Ordinal))})");
        }

        if (chainEntry.Family != ChainFamily.Evm)
        {
            throw new InputException(file, 0, path + ".chain", $"'{chain}' is not an EVM chain: token deployments are ERC-20 contracts");
        }

        var contract = Address(element, "contract", file, path);
        if (earlier.Any(d => string.Equals(d.Chain, chain, StringComparison.Ordinal) && string.Equals(d.Contract, contract, StringComparison.Ordinal)))
        {
            throw new InputException(file, 0, path + ".contract", $"{contract} on '{chain}' is already a deployment of this token: its supply would be counted twice");
        }

        var decimals = (int)StrictJson.Integer(element, "decimals", file, path, 0, 77);
        EscrowAccount? escrow = null;
        if (role == DeploymentRole.LockAndMint)
        {
            var escrowElement = element.GetProperty("escrow");
            StrictJson.ExpectObject(escrowElement, file, path + ".escrow", ["deployment", "address"]);
            escrow = new EscrowAccount(StrictJson.String(escrowElement, "deployment", file, path + ".escrow"), Address(escrowElement, "address", file, path + ".escrow"));
        }

        return new TokenDeployment(id, chain, contract, decimals, role, escrow);
    }

    private static SupplyExclusion ParseExclusion(JsonElement element, string file, string path, List<TokenDeployment> deployments)
    {
        StrictJson.ExpectObject(element, file, path, ["deployment", "address", "kind", "reason"]);
        var deploymentId = StrictJson.String(element, "deployment", file, path);
        var deployment = deployments.FirstOrDefault(d => string.Equals(d.Id, deploymentId, StringComparison.Ordinal))
            ?? throw new InputException(file, 0, path + ".deployment", $"no deployment '{deploymentId}' in this token");
        if (deployment.Role == DeploymentRole.LockAndMint)
        {
            throw new InputException(file, 0, path + ".deployment", $"'{deploymentId}' is a lock-and-mint representation, which counts 0: exclude on the deployment whose units it stands for");
        }

        var address = Address(element, "address", file, path);
        if (deployments.Any(d => d.Escrow is { } e && string.Equals(e.Deployment, deploymentId, StringComparison.Ordinal) && string.Equals(e.Address, address, StringComparison.Ordinal)))
        {
            throw new InputException(file, 0, path + ".address", $"{address} is the escrow of a lock-and-mint representation: its units circulate as that representation and cannot be excluded");
        }

        var kindText = StrictJson.String(element, "kind", file, path);
        var kind = kindText switch
        {
            "treasury" => ExclusionKind.Treasury,
            "pre_mint" => ExclusionKind.PreMint,
            "frozen" => ExclusionKind.Frozen,
            "test" => ExclusionKind.Test,
            "time_locked" => ExclusionKind.TimeLocked,
            _ => throw new InputException(file, 0, path + ".kind", $"unknown kind '{kindText}' (treasury, pre_mint, frozen, test, time_locked)"),
        };
        var reason = StrictJson.String(element, "reason", file, path);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InputException(file, 0, path + ".reason", "every exclusion needs a reason");
        }

        return new SupplyExclusion(deploymentId, address, kind, reason);
    }

    private static string Name(JsonElement element, string name, string file, string path)
    {
        var text = StrictJson.String(element, name, file, path);
        return NamePattern().IsMatch(text) ? text : throw new InputException(file, 0, StrictJson.Join(path, name), "an id is 1-64 characters of a-z, 0-9, '-' and '_'");
    }

    private static string Address(JsonElement element, string name, string file, string path)
    {
        var text = StrictJson.String(element, name, file, path);
        return EvmAddress.TryParse(text, out var bytes, out var error)
            ? "0x" + Convert.ToHexStringLower(bytes)
            : throw new InputException(file, 0, StrictJson.Join(path, name), error);
    }

    private static long Optional(JsonElement element, string name, long fallback, string file, string path, long min, long max) =>
        element.TryGetProperty(name, out _) ? StrictJson.Integer(element, name, file, path, min, max) : fallback;

    [GeneratedRegex("^[a-z0-9_-]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex KindPattern();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HashPattern();
}
