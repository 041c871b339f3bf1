// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Reserves.Evm;
using Por.Reserves.Ownership;
using Por.Reserves.Solana;
using Por.Testing;

namespace Por.Reserves.Tests;

/// <summary>Signatures produced by independent implementations (scripts/vectors/generate-reserves-vectors.sh:
/// bitcoinjs-message, bip322-js, Electrum, ethers, tronweb, tweetnacl + @solana/offchain-messages) verified by our code.</summary>
public sealed class GeneratedVectorsTests
{
    // A signature checked against another address fails on the key/address binding, or earlier on the address type.
    private static readonly HashSet<OwnershipFailure> s_movedSignature =
    [
        OwnershipFailure.KeyAddressMismatch, OwnershipFailure.SignatureInvalid, OwnershipFailure.HeaderMismatch, OwnershipFailure.EncodingMismatch,
    ];

    public static TheoryData<string, string, string, string, string> Vectors()
    {
        var data = new TheoryData<string, string, string, string, string>();
        var bitcoin = TestData.Json("vectors/generated/bitcoinjs-bip322js.json");
        foreach (var v in bitcoin.GetProperty("bip137").EnumerateArray())
        {
            data.Add("bitcoin", "bip137", S(v, "address"), S(bitcoin, "message"), S(v, "signature"));
        }

        foreach (var v in bitcoin.GetProperty("bip322").EnumerateArray())
        {
            data.Add("bitcoin", "bip322", S(v, "address"), S(bitcoin, "message"), S(v, "signature"));
        }

        var electrum = TestData.Json("vectors/generated/electrum.json");
        foreach (var v in electrum.GetProperty("bip137").EnumerateArray())
        {
            data.Add("bitcoin", "bip137", S(v, "address"), S(electrum, "message"), S(v, "signature"));
        }

        var other = TestData.Json("vectors/generated/ethers-tronweb-tweetnacl.json");
        foreach (var (group, chain) in new[] { ("evm", "ethereum"), ("tron", "tron"), ("solana", "solana") })
        {
            foreach (var v in other.GetProperty(group).EnumerateArray())
            {
                data.Add(chain, S(v, "scheme"), S(v, "address"), S(v, "message"), S(v, "signature"));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_IndependentSigner_ValidAndOtherRoundInvalid(string chain, string scheme, string address, string message, string signature)
    {
        Assert.Equal(Expected(chain), message);
        Assert.True(SignatureSchemeNames.TryParse(scheme, out var parsed));
        var row = Row(chain, parsed, address, signature);
        var result = OwnershipVerifier.Verify(row, message)!;
        Assert.True(result.IsValid, $"{scheme} {address}: {result.Message}");
        var expected = WrongMessageFailure(scheme);
        Assert.Equal(expected, OwnershipVerifier.Verify(row, message.Replace("round: 2026-11", "round: 2026-10", StringComparison.Ordinal))!.Failure);
        Assert.Equal(expected, OwnershipVerifier.Verify(row, message.Replace("Vector Custody", "Vector Custodx", StringComparison.Ordinal))!.Failure);
    }

    [Fact]
    public void Verify_SignatureMovedToAnotherAddress_Invalid()
    {
        var vectors = Vectors().Select(r => (string[])[r.Data.Item1, r.Data.Item2, r.Data.Item3, r.Data.Item4, r.Data.Item5]).ToList();
        foreach (var group in vectors.GroupBy(v => v[1], StringComparer.Ordinal))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                // Half the list away: a different signing key (one key may own several address types).
                var other = list[(i + Math.Max(1, list.Count / 2)) % list.Count];
                if (string.Equals(other[2], list[i][2], StringComparison.Ordinal) || !SignatureSchemeNames.TryParse(list[i][1], out var scheme))
                {
                    continue;
                }

                var row = Row(list[i][0], scheme, other[2], list[i][4]);
                var failure = OwnershipVerifier.Verify(row, list[i][3])!.Failure;
                Assert.True(s_movedSignature.Contains(failure), $"{list[i][1]} signature of {list[i][2]} used for {other[2]}: {failure}");
            }
        }
    }

    [Fact]
    public void Eip712Digest_EthersTypedDataEncoder_MatchesOurChallengeTypedData()
    {
        foreach (var v in TestData.Json("vectors/generated/ethers-tronweb-tweetnacl.json").GetProperty("evm").EnumerateArray())
        {
            if (string.Equals(S(v, "scheme"), "eip712", StringComparison.Ordinal))
            {
                Assert.Equal(S(v, "digest"), "0x" + Convert.ToHexStringLower(ChallengeTypedData.Digest(S(v, "message"), v.GetProperty("chainId").GetInt64())));
            }
        }
    }

    [Fact]
    public void SignedBytes_SolanaOffchainEnvelopes_MatchLibraryBytes()
    {
        foreach (var v in TestData.Json("vectors/generated/ethers-tronweb-tweetnacl.json").GetProperty("solana").EnumerateArray())
        {
            if (!v.TryGetProperty("signedBytes", out var bytes))
            {
                continue;
            }

            Por.Crypto.Base58.TryDecode(S(v, "address"), out var key);
            var framing = string.Equals(S(v, "scheme"), "sol-offchain-v0", StringComparison.Ordinal) ? SolanaMessageFraming.OffchainV0 : SolanaMessageFraming.OffchainV1;
            Assert.Equal(bytes.GetString(), Convert.ToHexStringLower(SolanaSignature.SignedBytes(framing, S(v, "message"), key)));
        }
    }

    private static string Expected(string chain) => chain switch
    {
        "bitcoin" => ChallengeMessage.For("Vector Custody", "2026-11", "bitcoin", 800000, "00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054"),
        "ethereum" => ChallengeMessage.For("Vector Custody", "2026-11", "ethereum", 19000000, "0x9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eedc7"),
        "tron" => ChallengeMessage.For("Vector Custody", "2026-11", "tron", 60000000, "0000000003938700a2c3a4f1f2b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7"),
        _ => ChallengeMessage.For("Vector Custody", "2026-11", "solana", 250000000, "4f9c5b2d8e1a7f3b6c0d9e2a5b8c1f4e7d0a3b6c9e2f5a8b1c4d7e0f3a6b9c2d"),
    };

    private static ReserveRow Row(string chain, SignatureScheme scheme, string address, string signature) => new()
    {
        Line = 1,
        Asset = "X",
        Chain = chain,
        Address = address,
        Amount = 0,
        Decimals = 0,
        SnapshotHeight = 0,
        SnapshotBlockHash = null,
        Scheme = scheme,
        Signatures = [signature],
        ChainId = 1,
    };

    private static string S(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    // Recoverable ECDSA schemes recover some other key from another message; the others check a fixed key and fail the signature.
    private static OwnershipFailure WrongMessageFailure(string scheme) =>
        scheme.StartsWith("bip322", StringComparison.Ordinal) || scheme.StartsWith("sol", StringComparison.Ordinal) || scheme.StartsWith("ed25519", StringComparison.Ordinal)
            ? OwnershipFailure.SignatureInvalid
            : OwnershipFailure.KeyAddressMismatch;
}
