// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Por.Common;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves;
using Por.Reserves.Evm;
using Por.Reserves.Nodes;

namespace Por.Cli.Demo;

/// <summary>
/// The demo custodian's reserves for a round: fresh wallet keys from the OS CSPRNG (secp256k1 via libsecp256k1,
/// Ed25519 via libsodium), a real signature by each over the round's challenge, balances placed on the demo chain
/// block, and the por-reserves/2 declaration. The story it sets up (<see cref="DemoStaging"/> names it to the user):
/// most assets over-collateralised (105–114%), ETH short (97%), SOL claimed on a chain the round's registry does not
/// list (so its verified reserves are 0), OKB as the platform token, and PAXG held although no customer holds it. The
/// registry is a test-network one: the demo chain is anvil's chain id.
/// </summary>
public static class DemoReserves
{
    /// <summary>The demo EVM chain's name in declarations and node configs.</summary>
    public const string ChainName = "demo-evm";

    /// <summary>The demo EVM chain id (anvil's default).</summary>
    public const long ChainId = 31337;

    /// <summary>Decimals of native ETH on chain (the synthetic exchange books ETH with 8).</summary>
    public const int EthChainDecimals = 18;

    /// <summary>The demo price of PAXG (held in reserve, no customer holds it).</summary>
    private const string PaxgPrice = "2651.4";

    /// <summary>Writes the demo price file for the assets (plus PAXG).</summary>
    /// <param name="assets">The round's assets.</param>
    /// <param name="path">The file.</param>
    public static void WritePrices(AssetTable assets, string path)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var text = new StringBuilder("# demo prices (USD per whole unit)\nsymbol,usd_price\n");
        foreach (var symbol in assets.Assets.Select(a => a.Symbol).Append("PAXG").Distinct(StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{symbol},{(string.Equals(symbol, "PAXG", StringComparison.Ordinal) ? PaxgPrice : SyntheticExchange.PriceOf(symbol))}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Writes a por-nodes/3 config pointing the demo chain at <paramref name="url"/>.</summary>
    /// <param name="url">The node endpoint.</param>
    /// <param name="path">The file.</param>
    public static void WriteNodeConfig(Uri url, string path)
    {
        ArgumentNullException.ThrowIfNull(url);
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture,
            $"{{\n  \"format\": \"{NodeConfiguration.FormatVersion}\",\n  \"chains\": {{\n    \"{ChainName}\": {{ \"kind\": \"evm\", \"url\": \"{url}\", \"max_attempts\": 2, \"retry_base_delay_ms\": 50, \"timeout_seconds\": 10 }}\n  }}\n}}\n"));
    }

    /// <summary>Writes the round's por-reserves-registry/2 (a test-network registry): the demo chain at the round's
    /// snapshot block, and each asset the demo custodian holds there as the native coin (ETH) or its demo token.</summary>
    /// <param name="declaration">The round's declaration (the demo operator lists what it holds).</param>
    /// <param name="chain">The demo chain with the snapshot block.</param>
    /// <param name="path">The file.</param>
    /// <param name="window">The borrowed-reserves window to pin for the demo chain, or null.</param>
    public static void WriteRegistry(ReserveDeclaration declaration, DemoChain chain, string path, Reserves.Registry.WindowPolicy? window = null)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(chain);
        var snapshot = declaration.Rows.First(r => string.Equals(r.Chain, ChainName, StringComparison.Ordinal));
        using var stream = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", Reserves.Registry.ReserveRegistryParser.FormatVersion);
            w.WriteString("round", declaration.Round);
            w.WriteString("network", "test");
            w.WriteStartObject("chains");
            w.WriteStartObject(ChainName);
            w.WriteString("family", "evm");
            w.WriteNumber("chain_id", chain.ChainId);
            w.WriteStartObject("snapshot");
            w.WriteNumber("height", snapshot.SnapshotHeight);
            w.WriteString("hash", snapshot.SnapshotBlockHash);
            w.WriteEndObject();
            if (window is not null)
            {
                w.WriteStartObject("window");
                w.WriteNumber("blocks_before", window.BlocksBefore);
                w.WriteNumber("blocks_after", window.BlocksAfter);
                w.WriteNumber("samples_each_side", window.SamplesEachSide);
                w.WriteNumber("flag_share_basis_points", window.FlagShareBasisPoints);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("assets");
            foreach (var row in declaration.Rows.Where(r => string.Equals(r.Chain, ChainName, StringComparison.Ordinal)))
            {
                w.WriteStartObject(row.Asset);
                w.WriteNumber("decimals", row.Decimals);
                w.WriteStartArray("holdings");
                w.WriteStartObject();
                w.WriteString("chain", ChainName);
                if (row.Token is not null)
                {
                    w.WriteString("contract", row.Token);
                }

                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        AtomicFile.WriteAllBytes(path, stream.ToArray());
    }

    /// <summary>Creates the declaration for a round and puts the wallets' balances on a new block of <paramref name="chain"/>.</summary>
    /// <param name="roundId">The round id.</param>
    /// <param name="assets">The round's asset table.</param>
    /// <param name="totals">The round's per-asset liabilities totals in base units (they size the reserves).</param>
    /// <param name="custodian">The custodian name.</param>
    /// <param name="chain">The demo chain to add the snapshot block to.</param>
    /// <param name="height">The snapshot block height.</param>
    /// <param name="extraPercent">Added to every reserve factor (earlier rounds are better funded).</param>
    /// <returns>The declaration.</returns>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 or libsodium is missing.</exception>
    public static ReserveDeclaration Create(string roundId, AssetTable assets, IReadOnlyList<ulong> totals, string custodian, DemoChain chain, long height, int extraPercent)
    {
        ArgumentNullException.ThrowIfNull(roundId);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(chain);
        var block = new DemoBlock(height, "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"por demo block {roundId} {height}"))));
        chain.Blocks[height] = block;
        var rows = new List<ReserveRow>();
        var line = 1;
        for (var i = 0; i < assets.Count; i++)
        {
            var asset = assets[i];
            var percent = (string.Equals(asset.Symbol, DemoStaging.UnderReservedAsset, StringComparison.Ordinal) ? DemoStaging.UnderReservedPercent : 105 + (i % 10)) + extraPercent;
            var amount = checked((UInt128)totals[i] * (UInt128)percent / 100);
            if (string.Equals(asset.Symbol, DemoStaging.UnlistedChainAsset, StringComparison.Ordinal))
            {
                rows.Add(SolanaClaim(roundId, custodian, block, amount, asset.Decimals, line++));
                continue;
            }

            rows.Add(EvmWallet(roundId, custodian, chain, block, asset.Symbol, amount, asset.Decimals, line++));
        }

        rows.Add(EvmWallet(roundId, custodian, chain, block, DemoStaging.ExtraAsset, 1_250 * (UInt128)100_000_000, 8, line));
        return new ReserveDeclaration(ReserveDeclarationParser.FormatVersion, custodian, roundId, rows, "(demo)");
    }

    /// <summary>The window the demo pins for the current round: 50 blocks each side, two samples a side.</summary>
    public static Reserves.Registry.WindowPolicy Window { get; } = new(50, 50, 2, 1_000);

    /// <summary>
    /// Adds the blocks of <see cref="Window"/> around the snapshot at <paramref name="height"/>: every wallet holds the
    /// same as at the snapshot, except the wallet of <paramref name="borrowedAsset"/>, which holds only
    /// <see cref="DemoStaging.BorrowedKeptPercent"/>% of its snapshot balance before and after it (the rest borrowed
    /// for the snapshot and returned), so the report flags it.
    /// </summary>
    /// <param name="chain">The demo chain with the snapshot block.</param>
    /// <param name="roundId">The round id (block hashes).</param>
    /// <param name="height">The snapshot height.</param>
    /// <param name="borrowedAsset">The asset whose wallet borrows for the snapshot.</param>
    public static void AddWindowBlocks(DemoChain chain, string roundId, long height, string borrowedAsset)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var snapshot = chain.Blocks[height];
        var borrowedToken = TokenAddress(borrowedAsset);
        foreach (var at in new[] { height - 50, height - 25, height + 25, height + 50 })
        {
            var block = new DemoBlock(at, "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"por demo block {roundId} {at}"))));
            foreach (var (address, amount) in snapshot.Native)
            {
                block.Native[address] = amount;
            }

            foreach (var (token, holders) in snapshot.Tokens)
            {
                var copy = new SortedDictionary<string, UInt128>(StringComparer.Ordinal);
                foreach (var (holder, amount) in holders)
                {
                    copy[holder] = string.Equals(token, borrowedToken, StringComparison.Ordinal) ? amount * DemoStaging.BorrowedKeptPercent / 100 : amount;
                }

                block.Tokens[token] = copy;
            }

            chain.Blocks[at] = block;
        }
    }

    /// <summary>The demo token contract of a symbol.</summary>
    /// <param name="symbol">Asset symbol.</param>
    /// <returns>A 0x address.</returns>
    public static string TokenAddress(string symbol) => "0x" + Convert.ToHexStringLower(Keccak256.Hash(Encoding.UTF8.GetBytes("por demo token " + symbol))[12..]);

    private static ReserveRow EvmWallet(string round, string custodian, DemoChain chain, DemoBlock block, string symbol, UInt128 bookAmount, int decimals, int line)
    {
        var secret = NewSecp256k1Secret();
        var address = "0x" + Convert.ToHexStringLower(EvmAddress.FromPublicKey(Secp256k1.CreatePublicKey(secret, compressed: false)));
        var native = string.Equals(symbol, "ETH", StringComparison.Ordinal);
        var chainDecimals = native ? EthChainDecimals : decimals;
        var amount = native ? checked(bookAmount * PowerOfTen(EthChainDecimals - decimals)) : bookAmount;
        var token = native ? null : TokenAddress(symbol);
        if (token is null)
        {
            block.Native[address] = amount;
        }
        else
        {
            if (!block.Tokens.TryGetValue(token, out var holders))
            {
                holders = new SortedDictionary<string, UInt128>(StringComparer.Ordinal);
                block.Tokens[token] = holders;
            }

            holders[address] = amount;
            chain.TokenDecimals[token] = chainDecimals;
        }

        var message = ChallengeMessage.For(custodian, round, ChainName, block.Height, block.Hash);
        var (signature, recoveryId) = Secp256k1.SignRecoverable(EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(message)), secret);
        CryptographicOperations.ZeroMemory(secret);
        return new ReserveRow
        {
            Line = line,
            Asset = symbol,
            Chain = ChainName,
            Address = address,
            Amount = amount,
            Decimals = chainDecimals,
            Token = token,
            SnapshotHeight = block.Height,
            SnapshotBlockHash = block.Hash,
            Scheme = SignatureScheme.Eip191Text,
            Signatures = ["0x" + Convert.ToHexStringLower(signature) + (27 + recoveryId).ToString("x2", CultureInfo.InvariantCulture)],
            ChainId = ChainId,
        };
    }

    private static ReserveRow SolanaClaim(string round, string custodian, DemoBlock block, UInt128 amount, int decimals, int line)
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        var publicKey = Ed25519.Sign(seed, []).PublicKey;
        var address = Base58.Encode(publicKey);
        var message = ChallengeMessage.For(custodian, round, "solana", block.Height, block.Hash);
        var signature = Ed25519.Sign(seed, Encoding.UTF8.GetBytes(message)).Signature;
        CryptographicOperations.ZeroMemory(seed);
        return new ReserveRow
        {
            Line = line,
            Asset = DemoStaging.UnlistedChainAsset,
            Chain = "solana",
            Address = address,
            Amount = amount,
            Decimals = decimals,
            SnapshotHeight = block.Height,
            SnapshotBlockHash = block.Hash,
            Scheme = SignatureScheme.SolanaRaw,
            Signatures = [Base58.Encode(signature)],
        };
    }

    private static UInt128 PowerOfTen(int exponent)
    {
        var value = UInt128.One;
        for (var i = 0; i < exponent; i++)
        {
            value = checked(value * 10);
        }

        return value;
    }

    private static byte[] NewSecp256k1Secret()
    {
        while (true)
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            try
            {
                _ = Secp256k1.CreatePublicKey(secret, compressed: true);
                return secret;
            }
            catch (ArgumentException)
            {
                // Secret ≥ group order (probability ~2^-128): draw again.
            }
        }
    }
}
