// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.RegularExpressions;
using Por.Common;
using Por.Reserves;
using Por.Reserves.Bitcoin;
using Por.Reserves.Evm;
using Por.Reserves.Registry;
using Por.Tokens.Registry;
using Por.Tokens.Statements;
using Por.Tokens.Units;

namespace Por.Tokens.Reserves;

/// <summary>
/// Parses the elements of a token's <c>reserves</c> array strictly (unknown, missing or repeated fields are errors,
/// each an <see cref="InputException"/> naming the file and field). The element schemas are in docs/token-por.md
/// "Reserve sources".
/// </summary>
public static partial class ReserveSourceParser
{
    /// <summary>The most custody addresses one source may list.</summary>
    public const int MaxAddresses = 10_000;

    private static readonly SignatureScheme[] s_bitcoinSchemes = [SignatureScheme.Bip137, SignatureScheme.Bip322, SignatureScheme.BitcoinMultisig];
    private static readonly SignatureScheme[] s_evmSchemes = [SignatureScheme.Eip191Text, SignatureScheme.Eip191Hash32, SignatureScheme.Eip712, SignatureScheme.Eip1271];

    /// <summary>Parses a whole <c>reserves</c> array (ids must be unique).</summary>
    /// <param name="array">The array.</param>
    /// <param name="file">The registry file, for errors.</param>
    /// <param name="path">The array's path in the file (e.g. "tokens[0].reserves").</param>
    /// <param name="baseDirectory">The folder relative statement paths are resolved against (the registry's).</param>
    /// <param name="chains">The registry's chains: a source's <c>chain</c> must be one of them, of the right family.</param>
    /// <returns>The sources, in order.</returns>
    /// <exception cref="InputException">A malformed element.</exception>
    public static IReadOnlyList<ReserveSourceConfig> ParseAll(JsonElement array, string file, string path, string baseDirectory, IReadOnlyDictionary<string, TokenChain> chains)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new InputException(file, 0, path, "expected an array of reserve sources");
        }

        var sources = new List<ReserveSourceConfig>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var source = Parse(element, file, $"{path}[{index++}]", baseDirectory, chains);
            if (!ids.Add(source.Id))
            {
                throw new InputException(file, 0, $"{path}[{index - 1}].id", $"reserve source id '{source.Id}' is given twice");
            }

            sources.Add(source);
        }

        return sources;
    }

    /// <summary>Parses one element of the <c>reserves</c> array.</summary>
    /// <param name="element">The element.</param>
    /// <param name="file">The registry file, for errors.</param>
    /// <param name="path">The element's path (e.g. "tokens[0].reserves[2]").</param>
    /// <param name="baseDirectory">The folder relative statement paths are resolved against.</param>
    /// <param name="chains">The registry's chains: a source's <c>chain</c> must be one of them, of the right family.</param>
    /// <returns>The source's configuration.</returns>
    /// <exception cref="InputException">A malformed element.</exception>
    public static ReserveSourceConfig Parse(JsonElement element, string file, string path, string baseDirectory, IReadOnlyDictionary<string, TokenChain> chains)
    {
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(chains);
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
        {
            throw new InputException(file, 0, StrictJson.Join(path, "kind"), $"missing: one of {string.Join(", ", ReserveSourceKinds.All)}");
        }

        var kind = kindElement.GetString()!;
        return kind switch
        {
            ReserveSourceKinds.BtcCustody => BtcCustody(element, file, path, chains),
            ReserveSourceKinds.EvmCustody => EvmCustody(element, file, path, chains),
            ReserveSourceKinds.ReserveFeed => Feed(element, file, path, chains),
            ReserveSourceKinds.SignedStatement => Statement(element, file, path, baseDirectory),
            _ => throw new InputException(file, 0, StrictJson.Join(path, "kind"), $"unknown reserve source kind '{kind}' ({string.Join(", ", ReserveSourceKinds.All)})"),
        };
    }

    private static BtcCustodyConfig BtcCustody(JsonElement e, string file, string path, IReadOnlyDictionary<string, TokenChain> chains)
    {
        StrictJson.ExpectObject(e, file, path, ["id", "kind", "chain", "max_age_seconds", "addresses"], ["confirmations", "ownership_period"]);
        var chain = Chain(e, file, path, chains, ChainFamily.Bitcoin);
        var network = chain.Network!;
        var addresses = Addresses(e, file, path, s_bitcoinSchemes, a =>
            BitcoinAddress.TryParse(a, network, out var parsed, out var error) && parsed is not null ? null : error ?? "not an address of the network");
        return new BtcCustodyConfig(
            Id(e, file, path), chain.Name, network, Confirmations(e, file, path, chain), Seconds(e, "max_age_seconds", file, path, 1),
            addresses, Period(e, file, path, addresses));
    }

    private static EvmCustodyConfig EvmCustody(JsonElement e, string file, string path, IReadOnlyDictionary<string, TokenChain> chains)
    {
        StrictJson.ExpectObject(e, file, path, ["id", "kind", "chain", "asset", "decimals", "max_age_seconds", "addresses"], ["confirmations", "ownership_period", "batch_size"]);
        var chain = Chain(e, file, path, chains, ChainFamily.Evm);
        var asset = StrictJson.String(e, "asset", file, path);
        string? token = null;
        if (!string.Equals(asset, "native", StringComparison.Ordinal))
        {
            token = EvmAddress.TryParse(asset, out _, out var error) && asset.Length == 42
                ? asset
                : throw new InputException(file, 0, StrictJson.Join(path, "asset"), $"must be \"native\" or an ERC-20 contract address ({error})");
        }

        var decimals = (int)StrictJson.Integer(e, "decimals", file, path, 0, BaseUnits.MaxDecimals);
        if (token is null && decimals != 18)
        {
            throw new InputException(file, 0, StrictJson.Join(path, "decimals"), "a native EVM asset has 18 decimals");
        }

        var addresses = Addresses(e, file, path, s_evmSchemes, a => EvmAddress.TryParse(a, out _, out var error) && a.Length == 42 ? null : error);
        return new EvmCustodyConfig(
            Id(e, file, path), chain.Name, token, decimals, Confirmations(e, file, path, chain), Seconds(e, "max_age_seconds", file, path, 1),
            addresses, Period(e, file, path, addresses),
            e.TryGetProperty("batch_size", out _) ? (int)StrictJson.Integer(e, "batch_size", file, path, 1, EvmCustodyConfig.MaxBatchSize) : EvmCustodyConfig.DefaultBatchSize);
    }

    private static ReserveFeedConfig Feed(JsonElement e, string file, string path, IReadOnlyDictionary<string, TokenChain> chains)
    {
        StrictJson.ExpectObject(e, file, path, ["id", "kind", "chain", "address", "decimals", "heartbeat_seconds", "grace_seconds"], ["confirmations"]);
        var chain = Chain(e, file, path, chains, ChainFamily.Evm);
        var address = StrictJson.String(e, "address", file, path);
        if (!EvmAddress.TryParse(address, out _, out var error) || address.Length != 42)
        {
            throw new InputException(file, 0, StrictJson.Join(path, "address"), error.Length > 0 ? error : "not a 0x-prefixed 20-byte address");
        }

        return new ReserveFeedConfig(
            Id(e, file, path), chain.Name, address, (int)StrictJson.Integer(e, "decimals", file, path, 0, BaseUnits.MaxDecimals),
            Seconds(e, "heartbeat_seconds", file, path, 1), Seconds(e, "grace_seconds", file, path, 0), Confirmations(e, file, path, chain));
    }

    private static SignedStatementConfig Statement(JsonElement e, string file, string path, string baseDirectory)
    {
        StrictJson.ExpectObject(e, file, path, ["id", "kind", "path", "issuer", "currency", "max_age_seconds", "signers"]);
        var relative = StrictJson.String(e, "path", file, path);
        if (relative.Length == 0 || relative.Any(char.IsControl))
        {
            throw new InputException(file, 0, StrictJson.Join(path, "path"), "must name the statement file");
        }

        var issuer = StrictJson.String(e, "issuer", file, path);
        ReserveStatement.CheckText(issuer, file, StrictJson.Join(path, "issuer"), 200);
        var currency = StrictJson.String(e, "currency", file, path);
        if (!CurrencyPattern().IsMatch(currency))
        {
            throw new InputException(file, 0, StrictJson.Join(path, "currency"), "must be 2–12 upper-case letters or digits, starting with a letter (e.g. USD)");
        }

        var signers = new List<StatementPublicKey>();
        var index = 0;
        foreach (var signer in StrictJson.Array(e, "signers", file, path).EnumerateArray())
        {
            var signerPath = $"{StrictJson.Join(path, "signers")}[{index++}]";
            StrictJson.ExpectObject(signer, file, signerPath, ["algorithm", "public_key"]);
            var algorithmText = StrictJson.String(signer, "algorithm", file, signerPath);
            if (!StatementPublicKey.TryParseAlgorithm(algorithmText, out var algorithm))
            {
                throw new InputException(file, 0, signerPath + ".algorithm", $"'{algorithmText}' is not ed25519 or secp256k1");
            }

            var key = StatementPublicKey.Create(algorithm, StrictJson.Hex(signer, "public_key", StatementPublicKey.KeySize(algorithm), file, signerPath), file, signerPath + ".public_key");
            if (signers.Any(s => s.Matches(key.Algorithm, key.Key)))
            {
                throw new InputException(file, 0, signerPath, "signer key given twice");
            }

            signers.Add(key);
        }

        if (signers.Count == 0)
        {
            throw new InputException(file, 0, StrictJson.Join(path, "signers"), "pin at least one signer key");
        }

        return new SignedStatementConfig(
            Id(e, file, path), Path.GetFullPath(relative, baseDirectory), issuer, currency, Seconds(e, "max_age_seconds", file, path, 1), signers);
    }

    private static List<CustodyAddress> Addresses(JsonElement e, string file, string path, SignatureScheme[] schemes, Func<string, string?> check)
    {
        var list = new List<CustodyAddress>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var item in StrictJson.Array(e, "addresses", file, path).EnumerateArray())
        {
            var itemPath = $"{StrictJson.Join(path, "addresses")}[{index++}]";
            StrictJson.ExpectObject(item, file, itemPath, ["address"], ["ownership"]);
            var address = StrictJson.String(item, "address", file, itemPath);
            if (check(address) is { } error)
            {
                throw new InputException(file, 0, itemPath + ".address", error);
            }

            if (!seen.Add(address))
            {
                throw new InputException(file, 0, itemPath + ".address", "address listed twice: it would be counted twice");
            }

            list.Add(new CustodyAddress(address, item.TryGetProperty("ownership", out var ownership) ? Proof(ownership, file, itemPath + ".ownership", schemes) : null));
        }

        if (list.Count is 0 or > MaxAddresses)
        {
            throw new InputException(file, 0, StrictJson.Join(path, "addresses"), $"list 1 to {MaxAddresses} custody addresses");
        }

        return list;
    }

    private static OwnershipProof Proof(JsonElement e, string file, string path, SignatureScheme[] schemes)
    {
        StrictJson.ExpectObject(e, file, path, ["scheme", "signatures"], ["script"]);
        var name = StrictJson.String(e, "scheme", file, path);
        if (!SignatureSchemeNames.TryParse(name, out var scheme) || !schemes.Contains(scheme))
        {
            throw new InputException(file, 0, path + ".scheme", $"'{name}' is not one of {string.Join(", ", schemes.Select(SignatureSchemeNames.ToName))}");
        }

        var signatures = new List<string>();
        foreach (var s in StrictJson.Array(e, "signatures", file, path).EnumerateArray())
        {
            signatures.Add(s.ValueKind == JsonValueKind.String && s.GetString() is { Length: > 0 } text
                ? text
                : throw new InputException(file, 0, path + ".signatures", "each signature must be a non-empty string"));
        }

        if (signatures.Count == 0)
        {
            throw new InputException(file, 0, path + ".signatures", "give at least one signature");
        }

        string? script = null;
        if (e.TryGetProperty("script", out _))
        {
            script = StrictJson.String(e, "script", file, path);
        }

        if ((scheme == SignatureScheme.BitcoinMultisig) != (script is not null))
        {
            throw new InputException(file, 0, path + ".script", "btc-multisig needs the redeem/witness script as hex; other schemes take none");
        }

        return new OwnershipProof(scheme, signatures, script);
    }

    private static OwnershipPeriod? Period(JsonElement e, string file, string path, List<CustodyAddress> addresses)
    {
        var proven = addresses.Any(a => a.Proof is not null);
        if (!e.TryGetProperty("ownership_period", out var period))
        {
            return proven ? throw new InputException(file, 0, StrictJson.Join(path, "ownership_period"), "required when an address has an ownership proof: the proofs sign it") : null;
        }

        var periodPath = StrictJson.Join(path, "ownership_period");
        if (!proven)
        {
            throw new InputException(file, 0, periodPath, "no address has an ownership proof");
        }

        StrictJson.ExpectObject(period, file, periodPath, ["from", "until"]);
        var from = StrictJson.Time(period, "from", file, periodPath);
        var until = StrictJson.Time(period, "until", file, periodPath);
        return until > from ? new OwnershipPeriod(from, until) : throw new InputException(file, 0, periodPath + ".until", "must be after from");
    }

    private static string Id(JsonElement e, string file, string path)
    {
        var id = StrictJson.String(e, "id", file, path);
        return IdPattern().IsMatch(id) ? id : throw new InputException(file, 0, StrictJson.Join(path, "id"), "must be 1–64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    private static TokenChain Chain(JsonElement e, string file, string path, IReadOnlyDictionary<string, TokenChain> chains, ChainFamily family)
    {
        var name = StrictJson.String(e, "chain", file, path);
        if (!chains.TryGetValue(name, out var chain))
        {
            throw new InputException(file, 0, StrictJson.Join(path, "chain"), $"'{name}' is not a chain of the registry ({string.Join(", ", chains.Keys.Order(StringComparer.Ordinal))})");
        }

        return chain.Family == family
            ? chain
            : throw new InputException(file, 0, StrictJson.Join(path, "chain"), $"'{name}' is a {chain.Family} chain; this source reads a {family} chain");
    }

    // Without "confirmations", the chain's reorg margin decides: Bitcoin's margin is the confirmation count; on EVM
    // chains supply is read at tip − margin, which is margin + 1 confirmations.
    private static int Confirmations(JsonElement e, string file, string path, TokenChain chain)
    {
        if (e.TryGetProperty("confirmations", out _))
        {
            return (int)StrictJson.Integer(e, "confirmations", file, path, 1, 10_000);
        }

        var fallback = chain.Family == ChainFamily.Bitcoin ? chain.ReorgMargin : chain.ReorgMargin + 1;
        return fallback is >= 1 and <= 10_000
            ? (int)fallback
            : throw new InputException(file, 0, StrictJson.Join(path, "confirmations"), $"required: chain '{chain.Name}' has reorg_margin {chain.ReorgMargin}, which gives no confirmation depth from 1 to 10,000");
    }

    private static long Seconds(JsonElement e, string name, string file, string path, long min) => StrictJson.Integer(e, name, file, path, min, 10L * 366 * 86_400);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z][A-Z0-9]{1,11}$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CurrencyPattern();
}
