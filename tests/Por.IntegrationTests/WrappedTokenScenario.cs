// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Por.IntegrationTests;

/// <summary>
/// A wrapped token on two anvil chains: on "home" the canonical deployment (8 decimals; 700 units held, 300 locked
/// in an escrow, 50 in the issuer's treasury), on "remote" a lock-and-mint representation with 18 decimals (300
/// units, backed by the escrow) and a burn-and-mint deployment (8 decimals, 200 units). Circulating supply: 1,050 −
/// 50 + 200 = 1,200 units = 120,000,000,000 base units; the representation counts 0.
/// </summary>
internal sealed class WrappedTokenScenario
{
    /// <summary>The dev account that holds the reserve token's custody balance in the CLI tests.</summary>
    public static string Custody => AnvilAccounts.Address(2);

    /// <summary>An <c>evm_custody</c> reserve source over <see cref="Custody"/> for the registry of the CLI tests.</summary>
    /// <param name="reserveToken">The reserve token's contract.</param>
    /// <returns>The source's registry object.</returns>
    public static JsonObject CustodySource(string reserveToken) => new()
    {
        ["id"] = "custody",
        ["kind"] = "evm_custody",
        ["chain"] = "home",
        ["asset"] = reserveToken,
        ["decimals"] = 8,
        ["confirmations"] = 1,
        ["max_age_seconds"] = 3600,
        ["addresses"] = new JsonArray(new JsonObject { ["address"] = Custody }),
    };

    public const int ReorgMargin = 2;
    public static readonly BigInteger Unit8 = BigInteger.Pow(10, 8);
    public static readonly BigInteger Unit18 = BigInteger.Pow(10, 18);
    public static readonly BigInteger Circulating = 1_200 * Unit8;

    private WrappedTokenScenario(AnvilNode home, AnvilNode remote, string canonical, string representation, string burnMint)
    {
        Home = home;
        Remote = remote;
        Canonical = canonical;
        Representation = representation;
        BurnMint = burnMint;
    }

    public static string Owner => AnvilAccounts.Address(0);

    public static string Holder => AnvilAccounts.Address(1);

    public static string BridgeUser => AnvilAccounts.Address(2);

    public static string Escrow => AnvilAccounts.Address(3);

    public static string Treasury => AnvilAccounts.Address(4);

    public AnvilNode Home { get; }

    public AnvilNode Remote { get; }

    public string Canonical { get; }

    public string Representation { get; }

    public string BurnMint { get; }

    public static async Task<WrappedTokenScenario> DeployAsync(TokenChainsFixture chains)
    {
        var canonical = await DeployTokenAsync(chains.Home, 8).ConfigureAwait(false);
        await MintAsync(chains.Home, canonical, Holder, 700 * Unit8).ConfigureAwait(false);
        await MintAsync(chains.Home, canonical, Escrow, 300 * Unit8).ConfigureAwait(false);
        await MintAsync(chains.Home, canonical, Treasury, 50 * Unit8).ConfigureAwait(false);
        var representation = await DeployTokenAsync(chains.Remote, 18).ConfigureAwait(false);
        await MintAsync(chains.Remote, representation, BridgeUser, 300 * Unit18).ConfigureAwait(false);
        var burnMint = await DeployTokenAsync(chains.Remote, 8).ConfigureAwait(false);
        await MintAsync(chains.Remote, burnMint, Holder, 200 * Unit8).ConfigureAwait(false);
        await chains.Home.MineAsync(ReorgMargin).ConfigureAwait(false);
        await chains.Remote.MineAsync(ReorgMargin).ConfigureAwait(false);
        return new WrappedTokenScenario(chains.Home, chains.Remote, canonical, representation, burnMint);
    }

    public static async Task<string> DeployTokenAsync(AnvilNode node, int decimals) =>
        await node.DeployAsync(Owner, "PorTestTokenDecimals", Abi.Word(decimals)).ConfigureAwait(false);

    public static async Task MintAsync(AnvilNode node, string token, string to, BigInteger amount) =>
        await node.SendAsync(Owner, token, Abi.Call("mint(address,uint256)", Abi.Word(to), Word(amount))).ConfigureAwait(false);

    public static string Word(BigInteger value) => value.ToString("x64", CultureInfo.InvariantCulture)[^64..];

    /// <summary>The registry: chains home and remote, the token "wbtc-test", reserves from the fixed test double.</summary>
    public JsonObject Registry(BigInteger reserves, string? remoteUrl = null, int representationDecimals = 18, long remoteChainId = 31338, bool finalizedTag = false, string reserveKind = "fixed_test", JsonObject? reserveSource = null)
    {
        JsonObject Chain(long id, string url) => new()
        {
            ["family"] = "evm",
            ["chain_id"] = id,
            ["reorg_margin"] = ReorgMargin,
            ["finalized_tag"] = finalizedTag,
            ["node"] = new JsonObject { ["kind"] = "evm", ["url"] = url, ["max_attempts"] = 2, ["retry_base_delay_ms"] = 10, ["timeout_seconds"] = 5 },
        };
        return new JsonObject
        {
            ["format"] = "por-token-registry/1",
            ["chains"] = new JsonObject
            {
                ["home"] = Chain(31337, Home.Url.ToString()),
                ["remote"] = Chain(remoteChainId, remoteUrl ?? Remote.Url.ToString()),
            },
            ["tokens"] = new JsonArray(new JsonObject
            {
                ["id"] = "wbtc-test",
                ["decimals"] = 8,
                ["margin_bps"] = 100,
                ["deployments"] = new JsonArray(
                    new JsonObject { ["id"] = "home", ["chain"] = "home", ["contract"] = Canonical, ["decimals"] = 8, ["role"] = "canonical" },
                    new JsonObject
                    {
                        ["id"] = "remote-bridged",
                        ["chain"] = "remote",
                        ["contract"] = Representation,
                        ["decimals"] = representationDecimals,
                        ["role"] = "lock_and_mint",
                        ["escrow"] = new JsonObject { ["deployment"] = "home", ["address"] = Escrow },
                    },
                    new JsonObject { ["id"] = "remote-native", ["chain"] = "remote", ["contract"] = BurnMint, ["decimals"] = 8, ["role"] = "burn_and_mint" }),
                ["exclusions"] = new JsonArray(
                    new JsonObject { ["deployment"] = "home", ["address"] = Treasury, ["kind"] = "treasury", ["reason"] = "issuer treasury, not issued" }),
                ["reserves"] = new JsonArray(
                    reserveSource ?? new JsonObject { ["id"] = "custody", ["kind"] = reserveKind, ["amount"] = reserves.ToString(CultureInfo.InvariantCulture) }),
            }),
        };
    }
}
