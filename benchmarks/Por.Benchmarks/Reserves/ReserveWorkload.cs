// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves;
using Por.Reserves.Bitcoin;
using Por.Reserves.Evm;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Reserves.Tron;

namespace Por.Benchmarks.Reserves;

/// <summary>Builds a declaration of correctly signed rows, cycling BIP-137 P2WPKH, BIP-322 P2TR, EIP-191, TRON v2 and
/// Solana off-chain v0, each with its own key and address, plus an in-memory balance reader that covers every claim.</summary>
internal static class ReserveWorkload
{
    public const string Custodian = "Benchmark Custody";
    public const string Round = "2026-11";
    private const string BtcHash = "00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054";
    private const string EthHash = "0x9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eedc7";
    private const string SolHash = "4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZAMdL4VZHirAn";

    /// <summary>The mainnet registry the benchmark rows are checked against (real genesis ids, invented snapshots).</summary>
    public static ReserveRegistry Registry { get; } = ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes($$"""
        {
          "format": "por-reserves-registry/2", "round": "{{Round}}", "network": "mainnet",
          "chains": {
            "bitcoin": { "family": "bitcoin", "bitcoin_network": "bitcoin", "genesis": "{{KnownChains.BitcoinMainnetGenesis["bitcoin"]}}", "snapshot": { "height": 800000, "hash": "{{BtcHash}}" } },
            "ethereum": { "family": "evm", "chain_id": 1, "snapshot": { "height": 800000, "hash": "{{EthHash}}" } },
            "tron": { "family": "tron", "genesis": "{{KnownChains.TronMainnetGenesis}}", "snapshot": { "height": 800000, "hash": "{{BtcHash}}" } },
            "solana": { "family": "solana", "genesis": "{{KnownChains.SolanaMainnetGenesis}}", "snapshot": { "height": 800000, "hash": "{{SolHash}}" } }
          },
          "assets": {
            "BTC": { "decimals": 8, "holdings": [ { "chain": "bitcoin" } ] },
            "ETH": { "decimals": 18, "holdings": [ { "chain": "ethereum" } ] },
            "TRX": { "decimals": 6, "holdings": [ { "chain": "tron" } ] },
            "SOL": { "decimals": 9, "holdings": [ { "chain": "solana" } ] }
          }
        }
        """), "benchmark-registry.json");

    public static ReserveDeclaration Build(int rows)
    {
        var list = new ReserveRow[rows];
        Parallel.For(0, rows, i => list[i] = Row(i));
        return new ReserveDeclaration("por-reserves/1", Custodian, Round, list, "benchmark");
    }

    public static Dictionary<string, IChainBalanceReader> Nodes(ReserveDeclaration declaration)
    {
        var nodes = new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal);
        foreach (var chain in declaration.Rows.GroupBy(r => r.Chain, StringComparer.Ordinal))
        {
            nodes[chain.Key] = new Por.Testing.ScriptedChainReader(Registry.Chains[chain.Key].Identity, chain.ToDictionary(r => r.Address, r => r.Amount, StringComparer.Ordinal));
        }

        return nodes;
    }

    private static ReserveRow Row(int i)
    {
        var key = SHA256.HashData(Encoding.ASCII.GetBytes("por-benchmark-key-" + i));
        return (i % 5) switch
        {
            0 => Bitcoin137(i, key),
            1 => Bitcoin322Taproot(i, key),
            2 => Evm(i, key),
            3 => Tron(i, key),
            _ => Solana(i, key),
        };
    }

    private static ReserveRow Base(int i, string asset, string chain, string address, string hash, SignatureScheme scheme, string signature) => new()
    {
        Decimals = Registry.Assets[asset].Decimals,
        Line = i + 1,
        Asset = asset,
        Chain = chain,
        Address = address,
        Amount = (UInt128)(1000 + i),
        SnapshotHeight = 800000,
        SnapshotBlockHash = hash,
        Scheme = scheme,
        Signatures = [signature],
    };

    private static ReserveRow Bitcoin137(int i, byte[] key)
    {
        var address = Bech32.EncodeSegwitAddress("bc", 0, BitcoinHashes.Hash160(Secp256k1.CreatePublicKey(key, compressed: true)));
        var message = ChallengeMessage.For(Custodian, Round, "bitcoin", 800000, BtcHash);
        var (sig, recid) = Secp256k1.SignRecoverable(BitcoinMessageSignature.MessageHash(message, BitcoinNetwork.Mainnet), key);
        return Base(i, "BTC", "bitcoin", address, BtcHash, SignatureScheme.Bip137, Convert.ToBase64String([(byte)(39 + recid), .. sig]));
    }

    private static ReserveRow Bitcoin322Taproot(int i, byte[] key)
    {
        var message = ChallengeMessage.For(Custodian, Round, "bitcoin", 800000, BtcHash);
        var (address, signature) = Bip322Signer.SignTaprootKeyPath(key, message, BitcoinNetwork.Mainnet);
        return Base(i, "BTC", "bitcoin", address, BtcHash, SignatureScheme.Bip322, signature);
    }

    private static ReserveRow Evm(int i, byte[] key)
    {
        var address = EvmAddress.ToChecksum(EvmAddress.FromPublicKey(Secp256k1.CreatePublicKey(key, compressed: false)));
        var message = ChallengeMessage.For(Custodian, Round, "ethereum", 800000, EthHash);
        var (sig, recid) = Secp256k1.SignRecoverable(EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(message)), key);
        return Base(i, "ETH", "ethereum", address, EthHash, SignatureScheme.Eip191Text, "0x" + Convert.ToHexStringLower([.. sig, (byte)(27 + recid)]));
    }

    private static ReserveRow Tron(int i, byte[] key)
    {
        var address = TronSignature.FormatAddress(EvmAddress.FromPublicKey(Secp256k1.CreatePublicKey(key, compressed: false)));
        var message = ChallengeMessage.For(Custodian, Round, "tron", 800000, BtcHash);
        var (sig, recid) = Secp256k1.SignRecoverable(TronSignature.V2Hash(Encoding.UTF8.GetBytes(message)), key);
        return Base(i, "TRX", "tron", address, BtcHash, SignatureScheme.TronV2, "0x" + Convert.ToHexStringLower([.. sig, (byte)(27 + recid)]));
    }

    private static ReserveRow Solana(int i, byte[] key)
    {
        var (_, publicKey) = Ed25519.Sign(key, []);
        var address = Base58.Encode(publicKey);
        var message = ChallengeMessage.For(Custodian, Round, "solana", 800000, SolHash);
        var (signature, _) = Ed25519.Sign(key, Por.Reserves.Solana.SolanaSignature.SignedBytes(Por.Reserves.Solana.SolanaMessageFraming.OffchainV0, message, publicKey));
        return Base(i, "SOL", "solana", address, SolHash, SignatureScheme.SolanaOffchainV0, Base58.Encode(signature));
    }
}
