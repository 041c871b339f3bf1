// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Common;

namespace Por.Cli.Demo;

/// <summary>
/// The demo's EVM chain state as a file ("por-demo-chain/2", docs/report.md §Demo): a chain id, token decimals and blocks, each with
/// a height, a hash, native balances and ERC-20 balances by token contract. <see cref="DemoEvmServer"/> serves it
/// over JSON-RPC so the real reserves verifier reads balances through its ordinary EVM client.
/// </summary>
public sealed class DemoChain
{
    /// <summary>The format id.</summary>
    public const string FormatVersion = "por-demo-chain/2";

    /// <summary>Creates a chain.</summary>
    /// <param name="chainId">The chain id.</param>
    public DemoChain(long chainId) => ChainId = chainId;

    /// <summary>The chain id.</summary>
    public long ChainId { get; }

    /// <summary>decimals() of each token contract (lowercase 0x address).</summary>
    public SortedDictionary<string, int> TokenDecimals { get; } = new(StringComparer.Ordinal);

    /// <summary>Blocks by height.</summary>
    public SortedDictionary<long, DemoBlock> Blocks { get; } = [];

    /// <summary>Writes the chain file.</summary>
    /// <param name="path">The file.</param>
    public void Write(string path)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatVersion);
            w.WriteNumber("chain_id", ChainId);
            w.WriteStartObject("token_decimals");
            foreach (var (token, decimals) in TokenDecimals)
            {
                w.WriteNumber(token, decimals);
            }

            w.WriteEndObject();
            w.WriteStartArray("blocks");
            foreach (var b in Blocks.Values)
            {
                w.WriteStartObject();
                w.WriteNumber("height", b.Height);
                w.WriteString("hash", b.Hash);
                w.WriteStartObject("native");
                foreach (var (address, amount) in b.Native)
                {
                    w.WriteString(address, amount.ToString(CultureInfo.InvariantCulture));
                }

                w.WriteEndObject();
                w.WriteStartObject("tokens");
                foreach (var (token, holders) in b.Tokens)
                {
                    w.WriteStartObject(token);
                    foreach (var (address, amount) in holders)
                    {
                        w.WriteString(address, amount.ToString(CultureInfo.InvariantCulture));
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        AtomicFile.WriteAllBytes(path, stream.ToArray());
    }

    /// <summary>Reads a chain file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The chain.</returns>
    /// <exception cref="InputException">Malformed file.</exception>
    public static DemoChain Read(string path)
    {
        using var document = StrictJson.Parse(File.ReadAllBytes(path), path);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, path, "", ["format", "chain_id", "token_decimals", "blocks"]);
        if (!string.Equals(StrictJson.String(root, "format", path, ""), FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(path, 0, "format", $"expected '{FormatVersion}'");
        }

        var chain = new DemoChain(StrictJson.Integer(root, "chain_id", path, "", 1, long.MaxValue));
        var decimals = root.GetProperty("token_decimals");
        if (decimals.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(path, 0, "token_decimals", "expected an object");
        }

        foreach (var t in decimals.EnumerateObject())
        {
            chain.TokenDecimals[t.Name.ToLowerInvariant()] = (int)StrictJson.Integer(decimals, t.Name, path, "token_decimals", 0, 36);
        }

        var i = 0;
        foreach (var b in StrictJson.Array(root, "blocks", path, "").EnumerateArray())
        {
            var at = $"blocks[{i++}]";
            StrictJson.ExpectObject(b, path, at, ["height", "hash", "native", "tokens"]);
            var block = new DemoBlock(StrictJson.Integer(b, "height", path, at, 0, long.MaxValue), StrictJson.String(b, "hash", path, at));
            foreach (var n in b.GetProperty("native").EnumerateObject())
            {
                block.Native[n.Name.ToLowerInvariant()] = Units(n.Value, path, $"{at}.native.{n.Name}");
            }

            foreach (var t in b.GetProperty("tokens").EnumerateObject())
            {
                var holders = new SortedDictionary<string, UInt128>(StringComparer.Ordinal);
                foreach (var h in t.Value.EnumerateObject())
                {
                    holders[h.Name.ToLowerInvariant()] = Units(h.Value, path, $"{at}.tokens.{t.Name}.{h.Name}");
                }

                block.Tokens[t.Name.ToLowerInvariant()] = holders;
            }

            chain.Blocks[block.Height] = block;
        }

        return chain;
    }

    private static UInt128 Units(JsonElement e, string file, string field) =>
        e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s && s.All(char.IsAsciiDigit) && UInt128.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InputException(file, 0, field, "expected an integer amount in base units as a string");
}
