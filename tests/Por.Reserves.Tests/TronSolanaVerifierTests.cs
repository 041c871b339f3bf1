// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Reserves.Solana;
using Por.Reserves.Tests.Nodes;
using Por.Reserves.Tron;

namespace Por.Reserves.Tests;

/// <summary>
/// TRON and Solana rows through <see cref="ReserveVerifier"/>, with readers built by <see cref="NodeConfiguration"/>
/// ("tron" and "solana" kinds) and pointed at loopback nodes answering with recorded responses.
/// </summary>
public sealed class TronSolanaVerifierTests
{
    private static readonly byte[] s_tronKey = Convert.FromHexString("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    private static readonly byte[] s_solanaSeed = Enumerable.Repeat((byte)7, 32).ToArray();

    private static string TronAddress => TronSignature.FormatAddress(Por.Reserves.Evm.EvmAddress.FromPublicKey(Secp256k1.CreatePublicKey(s_tronKey, compressed: false)));

    private static string SolanaAddress => Base58.Encode(Ed25519.Sign(s_solanaSeed, []).PublicKey);

    [Fact]
    public async Task VerifyAsync_NodesHeldAtSnapshots_TrxTrc20SolSplVerified()
    {
        using var tron = new TronFakeNode();
        using var solana = SolanaNode();
        var result = await Verifier(tron, solana).VerifyAsync(Declaration(), CancellationToken.None);
        Assert.True(result.AllVerified, string.Join("; ", result.Rows.Select(r => r.Message)));
        Assert.Equal((UInt128)1_793_227_200, result.Rows[0].OnChainBalance);
        Assert.Equal((UInt128)0x40cfcc00, result.Rows[1].OnChainBalance);
        Assert.Equal((UInt128)5_000_000_000, result.Rows[2].OnChainBalance);
        Assert.Equal((UInt128)420_000_000_000_000, result.Rows[3].OnChainBalance);
        Assert.Equal(TronFakeNode.Hash, result.Rows[0].BalanceBlockHash);
        Assert.Equal(SolanaFakeNode.Blockhash, result.Rows[3].BalanceBlockHash);
        Assert.Equal((UInt128)1_000_000_000, result.VerifiedTotal("TRX"));
        Assert.Equal((UInt128)400_000_000_000_000, result.VerifiedTotal("SPLT"));
    }

    [Fact]
    public async Task VerifyAsync_SolanaBankPastSnapshot_SolanaRowsFailTronRowsVerified()
    {
        using var tron = new TronFakeNode();
        using var solana = SolanaNode();
        solana.Results["getLatestBlockhash"] = SolanaFakeNode.AtSlot(SolanaFakeNode.Recorded("getLatestBlockhash"), SolanaFakeNode.Slot + 150);
        var result = await Verifier(tron, solana).VerifyAsync(Declaration(), CancellationToken.None);
        Assert.Equal(RowStatus.Verified, result.Rows[0].Status);
        Assert.Equal(RowStatus.Verified, result.Rows[1].Status);
        Assert.All(result.Rows.Skip(2), r => Assert.Equal(RowFailure.NodeUnavailable, r.Failure));
        Assert.All(result.Rows.Skip(2), r => Assert.Contains("NoHistoricalState", r.Message, StringComparison.Ordinal));
        Assert.Equal(UInt128.Zero, result.VerifiedTotal("SOL"));
    }

    [Fact]
    public async Task VerifyAsync_TronHeadPastSnapshot_TronRowsFailClosed()
    {
        using var tron = new TronFakeNode();
        tron.Heads.Clear();
        tron.Heads.Enqueue(TronFakeNode.Recorded("getnowblock-66987627"));
        using var solana = SolanaNode();
        var result = await Verifier(tron, solana).VerifyAsync(Declaration(), CancellationToken.None);
        Assert.Equal(RowFailure.NodeUnavailable, result.Rows[1].Failure);
        Assert.Contains("head", result.Rows[1].Message, StringComparison.Ordinal);
        Assert.Equal(UInt128.Zero, result.VerifiedTotal("USDT"));
        Assert.Equal(RowStatus.Verified, result.Rows[3].Status);
    }

    [Fact]
    public async Task VerifyAsync_TronNodeServesMainnetForNileRegistry_WrongChain()
    {
        using var tron = new TronFakeNode { Genesis = TronFakeNode.Recorded("genesis-mainnet") };
        using var solana = SolanaNode();
        var result = await Verifier(tron, solana).VerifyAsync(Declaration(), CancellationToken.None);
        Assert.Equal(RowFailure.WrongChain, result.Rows[0].Failure);
        Assert.Equal(RowFailure.WrongChain, result.Rows[1].Failure);
        Assert.DoesNotContain(tron.Bodies, b => b.Path == "/wallet/getaccountbalance");
    }

    [Fact]
    public void NodeConfiguration_TronAndSolanaKinds_BuildTheirReaders()
    {
        var readers = NodeConfiguration.Parse(Encoding.UTF8.GetBytes(NodesJson("http://127.0.0.1:8090", "http://127.0.0.1:8899")), "nodes.json", Registry(), new HttpClient(), _ => null);
        Assert.IsType<TronNode>(readers["tron"]);
        Assert.IsType<SolanaNode>(readers["solana"]);
        Assert.Equal(ChainFamily.Tron, readers["tron"].Family);
        Assert.Equal(ChainFamily.Solana, readers["solana"].Family);
    }

    [Theory]
    [InlineData("""{ "format": "por-nodes/2", "chains": { "solana": { "kind": "tron", "url": "http://127.0.0.1:8090" } } }""", "chains.solana.kind")]
    [InlineData("""{ "format": "por-nodes/2", "chains": { "tron": { "kind": "solana", "url": "http://127.0.0.1:8899" } } }""", "chains.tron.kind")]
    [InlineData("""{ "format": "por-nodes/2", "chains": { "tron": { "kind": "evm", "url": "http://127.0.0.1:8545" } } }""", "chains.tron.kind")]
    [InlineData("""{ "format": "por-nodes/2", "chains": { "tron": { "kind": "tron", "url": "http://127.0.0.1:8090", "user": "x" } } }""", "chains.tron.user")]
    [InlineData("""{ "format": "por-nodes/2", "chains": { "solana": { "kind": "solana" } } }""", "chains.solana.url")]
    [InlineData("""{ "format": "por-nodes/2", "chains": { "solana": { "kind": "solana", "url": "http://127.0.0.1:8899", "snapshot": { "height": 2793, "hash": "EkSnNWid2cvwEVnVx9aBqawnmiCNiDgp3gUdkDPTKN1N" } } } }""", "chains.solana.snapshot")]
    public void NodeConfiguration_WrongKindOrField_InputExceptionNamingTheField(string json, string field)
    {
        var ex = Assert.Throws<InputException>(() => NodeConfiguration.Parse(Encoding.UTF8.GetBytes(json), "nodes.json", Registry(), new HttpClient(), _ => null));
        Assert.StartsWith(field, ex.Field, StringComparison.Ordinal);
    }

    private static SolanaFakeNode SolanaNode()
    {
        var node = new SolanaFakeNode();
        node.Results["getBalance"] = SolanaFakeNode.With(node.Results["getBalance"], n => n["value"] = 5_000_000_000);
        node.Results["getTokenAccountsByOwner"] = SolanaFakeNode.TokenAccounts(SolanaFakeNode.TokenAccount("BGocb4GEpbTFm8UFV2VsDSaBXHELPfAXrvd4vtt8QWrA", "420000000000000", owner: SolanaAddress));

        // The recorded getTokenSupply is of another mint (2 decimals); the recorded token account says this mint has 6.
        node.Results["getTokenSupply"] = SolanaFakeNode.With(node.Results["getTokenSupply"], n => n["value"]!["decimals"] = 6);
        return node;
    }

    private static string RegistryJson() => $$"""
        {
          "format": "por-reserves-registry/1", "round": "{{ReserveTestFixtures.Round}}", "network": "test",
          "chains": {
            "tron": { "family": "tron", "genesis": "{{TronFakeNode.NileGenesis}}", "snapshot": { "height": {{TronFakeNode.Height}}, "hash": "{{TronFakeNode.Hash}}" } },
            "solana": { "family": "solana", "genesis": "{{KnownChains.SolanaMainnetGenesis}}", "snapshot": { "height": {{SolanaFakeNode.Slot}}, "hash": "{{SolanaFakeNode.Blockhash}}" } }
          },
          "assets": {
            "TRX": { "decimals": 6, "holdings": [ { "chain": "tron" } ] },
            "USDT": { "decimals": 6, "holdings": [ { "chain": "tron", "contract": "{{TronFakeNode.Usdt}}" } ] },
            "SOL": { "decimals": 9, "holdings": [ { "chain": "solana" } ] },
            "SPLT": { "decimals": 6, "holdings": [ { "chain": "solana", "contract": "{{SolanaFakeNode.Mint}}" } ] }
          }
        }
        """;

    private static ReserveRegistry Registry() => ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(RegistryJson()), "registry.json");

    private static string NodesJson(string tronUrl, string solanaUrl) => $$"""
        {
          "format": "por-nodes/2",
          "chains": {
            "tron": { "kind": "tron", "url": "{{tronUrl}}", "maxAttempts": 2, "retryBaseDelayMs": 10 },
            "solana": { "kind": "solana", "url": "{{solanaUrl}}", "maxAttempts": 2, "retryBaseDelayMs": 10, "snapshot": { "height": {{SolanaFakeNode.Slot}}, "hash": "{{SolanaFakeNode.Blockhash}}" } }
          }
        }
        """;

    private static ReserveVerifier Verifier(TronFakeNode tron, SolanaFakeNode solana)
    {
        var registry = Registry();
        var nodes = NodeConfiguration.Parse(Encoding.UTF8.GetBytes(NodesJson(tron.Url.ToString(), solana.Url.ToString())), "nodes.json", registry, new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, _ => null);
        return new ReserveVerifier(registry, nodes, new ReserveVerifierOptions());
    }

    private static ReserveDeclaration Declaration() => ReserveTestFixtures.Declaration(
        TronRow(1, "TRX", null, 1_000_000_000),
        TronRow(2, "USDT", TronFakeNode.Usdt, 1_000_000_000),
        SolanaRow(3, "SOL", null, 9, 5_000_000_000),
        SolanaRow(4, "SPLT", SolanaFakeNode.Mint, 6, 400_000_000_000_000));

    private static ReserveRow TronRow(int line, string asset, string? token, UInt128 amount)
    {
        var message = ChallengeMessage.For(ReserveTestFixtures.Custodian, ReserveTestFixtures.Round, "tron", TronFakeNode.Height, TronFakeNode.Hash);
        var (signature, recoveryId) = Secp256k1.SignRecoverable(TronSignature.V2Hash(Encoding.UTF8.GetBytes(message)), s_tronKey);
        return new ReserveRow
        {
            Line = line,
            Asset = asset,
            Chain = "tron",
            Address = TronAddress,
            Token = token,
            Amount = amount,
            Decimals = 6,
            SnapshotHeight = TronFakeNode.Height,
            SnapshotBlockHash = TronFakeNode.Hash,
            Scheme = SignatureScheme.TronV2,
            Signatures = ["0x" + Convert.ToHexStringLower([.. signature, (byte)(27 + recoveryId)])],
        };
    }

    private static ReserveRow SolanaRow(int line, string asset, string? token, int decimals, UInt128 amount)
    {
        var message = ChallengeMessage.For(ReserveTestFixtures.Custodian, ReserveTestFixtures.Round, "solana", SolanaFakeNode.Slot, SolanaFakeNode.Blockhash);
        var (_, publicKey) = Ed25519.Sign(s_solanaSeed, []);
        var (signature, _) = Ed25519.Sign(s_solanaSeed, SolanaSignature.SignedBytes(SolanaMessageFraming.Raw, message, publicKey));
        return new ReserveRow
        {
            Line = line,
            Asset = asset,
            Chain = "solana",
            Address = SolanaAddress,
            Token = token,
            Amount = amount,
            Decimals = decimals,
            SnapshotHeight = SolanaFakeNode.Slot,
            SnapshotBlockHash = SolanaFakeNode.Blockhash,
            Scheme = SignatureScheme.SolanaRaw,
            Signatures = [Base58.Encode(signature)],
        };
    }
}
