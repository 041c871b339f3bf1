// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Crypto;
using Por.Crypto.Native;
using Por.Reserves.Bitcoin;
using Por.Reserves.Evm;
using Por.Reserves.Registry;

namespace Por.Reserves.Tests;

/// <summary>Builds correctly signed rows for a declaration (our signer; independent signers are in the generated vectors).</summary>
internal static class ReserveTestFixtures
{
    public const string Custodian = "Example Custody";
    public const string Round = "2026-11";
    public const string BtcHash = "00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054";
    public const string EthHash = "0x9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eedc7";

    public static readonly byte[] BtcKey = Convert.FromHexString("d97f5108f11cda6eeebaaa420fef0726b1f898060b98489fa3098463c0032866");
    public static readonly byte[] EthKey = Convert.FromHexString("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    public static string BtcAddress => Bech32.EncodeSegwitAddress("bc", 0, BitcoinHashes.Hash160(Secp256k1.CreatePublicKey(BtcKey, compressed: true)));

    public static string EthAddress => EvmAddress.ToChecksum(EvmAddress.FromPublicKey(Secp256k1.CreatePublicKey(EthKey, compressed: false)));

    public static ReserveRow BitcoinRow(string custodian = Custodian, string round = Round, UInt128? amount = null)
    {
        var message = ChallengeMessage.For(custodian, round, "bitcoin", 800000, BtcHash);
        var (sig, recid) = Secp256k1.SignRecoverable(BitcoinMessageSignature.MessageHash(message, BitcoinNetwork.Mainnet), BtcKey);
        return new ReserveRow
        {
            Line = 1,
            Asset = "BTC",
            Chain = "bitcoin",
            Address = BtcAddress,
            Amount = amount ?? 150_000_000,
            Decimals = 8,
            SnapshotHeight = 800000,
            SnapshotBlockHash = BtcHash,
            Scheme = SignatureScheme.Bip137,
            Signatures = [Convert.ToBase64String([(byte)(39 + recid), .. sig])],
        };
    }

    public static ReserveRow EthereumRow(string custodian = Custodian, string round = Round, UInt128? amount = null)
    {
        var message = ChallengeMessage.For(custodian, round, "ethereum", 19000000, EthHash);
        var (sig, recid) = Secp256k1.SignRecoverable(EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(message)), EthKey);
        return new ReserveRow
        {
            Line = 2,
            Asset = "ETH",
            Chain = "ethereum",
            Address = EthAddress,
            Amount = amount ?? UInt128.Parse("5000000000000000000", System.Globalization.CultureInfo.InvariantCulture),
            Decimals = 18,
            SnapshotHeight = 19000000,
            SnapshotBlockHash = EthHash,
            Scheme = SignatureScheme.Eip191Text,
            Signatures = ["0x" + Convert.ToHexStringLower([.. sig, (byte)(27 + recid)])],
        };
    }

    public const string UsdtContract = "0xdAC17F958D2ee523a2206206994597C13D831ec7";

    public static ReserveDeclaration Declaration(params ReserveRow[] rows) => new("por-reserves/1", Custodian, Round, rows, "test.json");

    /// <summary>The mainnet registry the fixture rows are checked against: Bitcoin and Ethereum mainnet identities at the
    /// fixture snapshots; BTC, ETH and USDT (the real Ethereum contract).</summary>
    public static string RegistryJson(string round = Round, string network = "mainnet") => $$"""
        {
          "format": "por-reserves-registry/2", "round": "{{round}}", "network": "{{network}}",
          "chains": {
            "bitcoin": { "family": "bitcoin", "bitcoin_network": "bitcoin", "genesis": "{{KnownChains.BitcoinMainnetGenesis["bitcoin"]}}", "snapshot": { "height": 800000, "hash": "{{BtcHash}}" } },
            "ethereum": { "family": "evm", "chain_id": 1, "snapshot": { "height": 19000000, "hash": "{{EthHash}}" } }
          },
          "assets": {
            "BTC": { "decimals": 8, "holdings": [ { "chain": "bitcoin" } ] },
            "ETH": { "decimals": 18, "holdings": [ { "chain": "ethereum" } ] },
            "USDT": { "decimals": 6, "holdings": [ { "chain": "ethereum", "contract": "{{UsdtContract}}" } ] }
          }
        }
        """;

    public static ReserveRegistry Registry { get; } = ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(RegistryJson()), "registry.json");

    public static ChainIdentity BitcoinIdentity => Registry.Chains["bitcoin"].Identity;

    public static ChainIdentity EthereumIdentity => Registry.Chains["ethereum"].Identity;
}
