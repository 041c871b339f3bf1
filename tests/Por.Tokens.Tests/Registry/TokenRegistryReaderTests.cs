// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.RegularExpressions;
using Por.Common;
using Por.Reserves.Registry;
using Por.Tokens.Model;
using Por.Tokens.Registry;

namespace Por.Tokens.Tests.Registry;

public sealed class TokenRegistryReaderTests
{
    private const string Canonical = "0x1111111111111111111111111111111111111111";
    private const string Bridged = "0x2222222222222222222222222222222222222222";
    private const string Escrow = "0x3333333333333333333333333333333333333333";
    private const string Treasury = "0x4444444444444444444444444444444444444444";

    // One field per line, so that every error's line is unambiguous.
    private const string Valid = """
        {
          "format": "por-token-registry/1",
          "chains": {
            "ethereum": {
              "family": "evm",
              "chain_id": 1,
              "reorg_margin": 64,
              "finalized_tag": true,
              "node": {
                "kind": "evm",
                "url": "http://127.0.0.1:8545/",
                "max_attempts": 3
              }
            },
            "base": {
              "family": "evm",
              "chain_id": 8453,
              "reorg_margin": 120,
              "node": {
                "kind": "evm",
                "url": "http://127.0.0.1:8546/"
              }
            },
            "bitcoin": {
              "family": "bitcoin",
              "network": "bitcoin",
              "genesis": "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
              "reorg_margin": 6,
              "node": {
                "kind": "bitcoin-core",
                "url": "http://127.0.0.1:8332/",
                "user": "por",
                "password_env": "BTC_RPC_PASSWORD"
              }
            }
          },
          "tokens": [
            {
              "id": "wbtc",
              "decimals": 8,
              "margin_bps": 50,
              "deployments": [
                {
                  "id": "eth",
                  "chain": "ethereum",
                  "contract": "0x1111111111111111111111111111111111111111",
                  "decimals": 8,
                  "role": "canonical"
                },
                {
                  "id": "base",
                  "chain": "base",
                  "contract": "0x2222222222222222222222222222222222222222",
                  "decimals": 8,
                  "role": "lock_and_mint",
                  "escrow": {
                    "deployment": "eth",
                    "address": "0x3333333333333333333333333333333333333333"
                  }
                }
              ],
              "exclusions": [
                {
                  "deployment": "eth",
                  "address": "0x4444444444444444444444444444444444444444",
                  "kind": "treasury",
                  "reason": "issuer treasury"
                }
              ],
              "reserves": [
                {
                  "id": "custody",
                  "kind": "btc_custody",
                  "anything": [1, 2, 3]
                }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void Parse_ReadsEveryField()
    {
        var registry = Parse(Valid);
        Assert.Equal(3, registry.Chains.Count);
        var eth = registry.Chains["ethereum"];
        Assert.Equal(ChainFamily.Evm, eth.Family);
        Assert.Equal(1, eth.ChainId);
        Assert.Equal(64, eth.ReorgMargin);
        Assert.True(eth.UseFinalizedTag);
        Assert.Equal(3, eth.Node.Policy.MaxAttempts);
        Assert.False(registry.Chains["base"].UseFinalizedTag);
        Assert.Equal("BTC_RPC_PASSWORD", registry.Chains["bitcoin"].Node.PasswordEnv);
        var token = Assert.Single(registry.Tokens);
        Assert.Equal(("wbtc", 8, 50), (token.Id, token.Decimals, token.MarginBasisPoints));
        Assert.Equal(DeploymentRole.Canonical, token.Deployments[0].Role);
        Assert.Equal(new EscrowAccount("eth", Escrow), token.Deployments[1].Escrow);
        Assert.Equal(new SupplyExclusion("eth", Treasury, ExclusionKind.Treasury, "issuer treasury"), token.Exclusions[0]);
        var source = Assert.Single(token.Reserves);
        Assert.Equal(("custody", "btc_custody", "tokens[0].reserves[0]", 71L), (source.Id, source.Kind, source.Path, source.Line));
        Assert.Equal(3, source.Element.GetProperty("anything").GetArrayLength());
    }

    [Theory]
    // Structure and types.
    [InlineData("\"format\": \"por-token-registry/1\"", "\"format\": \"por-token-registry/2\"", 2, "format", "is not por-token-registry/1")]
    [InlineData("\"reorg_margin\": 64,", "\"reorg_margin\": 64, \"extra\": 1,", 7, "chains.ethereum.extra", "unknown property")]
    [InlineData("\"chain_id\": 8453,", "", 15, "chains.base.chain_id", "missing")]
    [InlineData("\"chain_id\": 1,", "\"chain_id\": \"1\",", 6, "chains.ethereum.chain_id", "expected an integer")]
    [InlineData("\"chain_id\": 1,", "\"chain_id\": 0,", 6, "chains.ethereum.chain_id", "expected an integer")]
    [InlineData("\"finalized_tag\": true,", "\"finalized_tag\": 1,", 8, "chains.ethereum.finalized_tag", "true or false")]
    [InlineData("\"family\": \"bitcoin\",", "\"family\": \"solana\",", 25, "chains.bitcoin.family", "unknown family")]
    [InlineData("\"network\": \"bitcoin\",", "\"network\": \"bitcoinz\",", 26, "chains.bitcoin.network", "unknown network")]
    [InlineData("\"genesis\": \"000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f\",", "\"genesis\": \"00\",", 27, "chains.bitcoin.genesis", "64 lower-case hex")]
    [InlineData("\"kind\": \"bitcoin-core\",", "\"kind\": \"evm\",", 30, "chains.bitcoin.node.kind", "cannot serve a bitcoin chain")]
    [InlineData("\"password_env\": \"BTC_RPC_PASSWORD\"", "\"password_env\": \"\"", 33, "chains.bitcoin.node.password_env", "must name")]
    [InlineData("\"url\": \"http://127.0.0.1:8545/\",", "\"url\": \"ftp://127.0.0.1/\",", 11, "chains.ethereum.node.url", "http(s)")]
    [InlineData("\"url\": \"http://127.0.0.1:8545/\",", "\"url\": \"http://u:p@127.0.0.1/\",", 11, "chains.ethereum.node.url", "credentials")]
    [InlineData("\"max_attempts\": 3", "\"max_attempts\": 0", 12, "chains.ethereum.node.max_attempts", "from 1 to 100")]
    // Tokens.
    [InlineData("\"id\": \"wbtc\",", "\"id\": \"WBTC\",", 39, "tokens[0].id", "1-64 characters")]
    [InlineData("\"decimals\": 8,\n      \"margin_bps\"", "\"decimals\": 78,\n      \"margin_bps\"", 40, "tokens[0].decimals", "from 0 to 77")]
    [InlineData("\"margin_bps\": 50,", "\"margin_bps\": -1,", 41, "tokens[0].margin_bps", "from 0 to 1000000")]
    // Deployments.
    [InlineData("\"chain\": \"base\",", "\"chain\": \"polygon\",", 52, "tokens[0].deployments[1].chain", "not a chain of the registry")]
    [InlineData("\"chain\": \"base\",", "\"chain\": \"bitcoin\",", 52, "tokens[0].deployments[1].chain", "not an EVM chain")]
    [InlineData("\"contract\": \"0x2222222222222222222222222222222222222222\",", "\"contract\": \"0x22\",", 53, "tokens[0].deployments[1].contract", "")]
    [InlineData("\"role\": \"lock_and_mint\",", "\"role\": \"wrapped\",", 55, "tokens[0].deployments[1].role", "unknown role")]
    [InlineData("\"role\": \"lock_and_mint\",", "\"role\": \"canonical\",", 56, "tokens[0].deployments[1].escrow", "unknown property")]
    [InlineData("\"role\": \"lock_and_mint\",", "\"role\": \"canonical\", \"unused\": 0,", 55, "tokens[0].deployments[1].unused", "unknown property")]
    [InlineData("\"deployment\": \"eth\",\n              \"address\": \"0x3333", "\"deployment\": \"arb\",\n              \"address\": \"0x3333", 57, "tokens[0].deployments[1].escrow.deployment", "no deployment 'arb'")]
    [InlineData("\"id\": \"base\",", "\"id\": \"eth\",", 51, "tokens[0].deployments[1].id", "given twice")]
    // Exclusions.
    [InlineData("\"kind\": \"treasury\",", "\"kind\": \"burned\",", 66, "tokens[0].exclusions[0].kind", "unknown kind")]
    [InlineData("\"reason\": \"issuer treasury\"", "\"reason\": \" \"", 67, "tokens[0].exclusions[0].reason", "needs a reason")]
    [InlineData("\"deployment\": \"eth\",\n              \"address\": \"0x4444", "\"deployment\": \"base\",\n              \"address\": \"0x4444", 64, "tokens[0].exclusions[0].deployment", "lock-and-mint representation, which counts 0")]
    [InlineData("\"address\": \"0x4444444444444444444444444444444444444444\"", "\"address\": \"0x3333333333333333333333333333333333333333\"", 65, "tokens[0].exclusions[0].address", "is the escrow")]
    // Reserves.
    [InlineData("\"id\": \"custody\",", "", 71, "tokens[0].reserves[0].id", "missing")]
    [InlineData("\"kind\": \"btc_custody\",", "\"kind\": \"BTC custody\",", 73, "tokens[0].reserves[0].kind", "1-64 characters")]
    public void Parse_RejectsBadInput_NamingFileLineAndField(string from, string to, long line, string field, string reason)
    {
        var error = Assert.Throws<InputException>(() => Parse(Swap(Valid, from, to)));
        Assert.Equal("registry.json", error.File);
        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsAContractListedTwice_WhichWouldCountItsSupplyTwice()
    {
        var text = Swap(Swap(Valid, "\"contract\": \"0x2222222222222222222222222222222222222222\"", "\"contract\": \"0x1111111111111111111111111111111111111111\""),
            "\"chain\": \"base\"", "\"chain\": \"ethereum\"");
        var error = Assert.Throws<InputException>(() => Parse(text));
        Assert.Equal("tokens[0].deployments[1].contract", error.Field);
        Assert.Contains("counted twice", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsASecondCanonicalDeployment_AndAnEscrowOnARepresentation()
    {
        var twoCanonical = Swap(
            Swap(Valid, "\"role\": \"lock_and_mint\",", "\"role\": \"canonical\""),
            "\n\"escrow\": {\n\"deployment\": \"eth\",\n\"address\": \"0x3333333333333333333333333333333333333333\"\n}",
            string.Empty);
        var error = Assert.Throws<InputException>(() => Parse(twoCanonical));
        Assert.Equal("tokens[0].deployments[1].role", error.Field);
        Assert.Contains("at most one canonical", error.Reason, StringComparison.Ordinal);

        var selfEscrow = Swap(Valid, "\"deployment\": \"eth\",\n\"address\": \"0x3333", "\"deployment\": \"base\", \"address\": \"0x3333");
        error = Assert.Throws<InputException>(() => Parse(selfEscrow));
        Assert.Equal("tokens[0].deployments[1].escrow.deployment", error.Field);
        Assert.Contains("itself a lock-and-mint", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsDuplicateSourcesAndTokens_AndEmptyLists()
    {
        var duplicate = Swap(Valid, "\"anything\": [1, 2, 3]", "\"anything\": [1, 2, 3]\n},\n{\n\"id\": \"custody\",\n\"kind\": \"reserve_feed\"");
        var error = Assert.Throws<InputException>(() => Parse(duplicate));
        Assert.Equal("tokens[0].reserves[1].id", error.Field);
        Assert.Contains("given twice", error.Reason, StringComparison.Ordinal);

        var noReserves = Valid[..Valid.IndexOf("\"reserves\": [", StringComparison.Ordinal)] + "\"reserves\": []\n    }\n  ]\n}";
        error = Assert.Throws<InputException>(() => Parse(noReserves));
        Assert.Equal("tokens[0].reserves", error.Field);
        Assert.Contains("at least one", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RejectsMalformedJson_WithItsLine()
    {
        var error = Assert.Throws<InputException>(() => Parse(Swap(Valid, "\"decimals\": 8,\n\"margin_bps\"", "\"decimals\": 8,,\n\"margin_bps\"")));
        Assert.Equal(40, error.Line);
        Assert.Contains("malformed JSON", error.Reason, StringComparison.Ordinal);
    }

    private static TokenRegistry Parse(string text) => TokenRegistryReader.Parse(Encoding.UTF8.GetBytes(text), "registry.json");

    // Replaces the first match of `from`, where each "\n" stands for a line break and any indentation.
    private static string Swap(string text, string from, string to)
    {
        var pattern = Regex.Escape(Regex.Replace(from, "\n *", "\n", RegexOptions.None, TimeSpan.FromSeconds(1))).Replace("\\n", "\\n\\s*", StringComparison.Ordinal);
        var match = Regex.Match(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(match.Success, "the test's snippet is not in the registry: " + from);
        return text[..match.Index] + to + text[(match.Index + match.Length)..];
    }
}
