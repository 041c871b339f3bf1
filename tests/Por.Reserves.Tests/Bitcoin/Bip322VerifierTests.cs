// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Bitcoin;
using Por.Reserves.Ownership;
using Por.Testing;

namespace Por.Reserves.Tests.Bitcoin;

public sealed class Bip322VerifierTests
{
    public static TheoryData<string, string, string, string, string> TxHashes()
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var v in TestData.Json("vectors/bip322/basic-test-vectors.json").GetProperty("tx_hashes").EnumerateArray())
        {
            data.Add(v.GetProperty("address").GetString()!, v.GetProperty("message").GetString()!, v.GetProperty("message_hash").GetString()!,
                v.GetProperty("to_spend_tx_hash").GetString()!, v.GetProperty("to_sign_tx_hash").GetString()!);
        }

        return data;
    }

    public static TheoryData<string, string, string, string> ValidSignatures()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (file, groups) in new[] { ("basic-test-vectors.json", new[] { "simple" }), ("generated-test-vectors.json", new[] { "simple", "full" }) })
        {
            var root = TestData.Json("vectors/bip322/" + file);
            foreach (var group in groups)
            {
                foreach (var v in root.GetProperty(group).EnumerateArray())
                {
                    foreach (var signature in v.GetProperty("bip322_signatures").EnumerateArray())
                    {
                        data.Add(v.GetProperty("type").GetString()!, v.GetProperty("address").GetString()!, v.GetProperty("message").GetString()!, signature.GetString()!);
                    }
                }
            }
        }

        return data;
    }

    public static TheoryData<string, string, string, string> ErrorCases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var file in new[] { "basic-test-vectors.json", "generated-test-vectors.json" })
        {
            foreach (var v in TestData.Json("vectors/bip322/" + file).GetProperty("error").EnumerateArray())
            {
                data.Add(v.GetProperty("description").GetString()!, v.GetProperty("address").GetString()!, v.GetProperty("message").GetString()!, v.GetProperty("signature").GetString()!);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> ProofOfFunds()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var v in TestData.Json("vectors/bip322/generated-test-vectors.json").GetProperty("proof_of_funds").EnumerateArray())
        {
            data.Add(v.GetProperty("address").GetString()!, v.GetProperty("message").GetString()!, v.GetProperty("bip322_signatures")[0].GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TxHashes))]
    public void VirtualTransactions_BasicVector_MatchHashes(string addressText, string message, string messageHash, string toSpend, string toSign)
    {
        Assert.True(BitcoinAddress.TryParse(addressText, BitcoinNetwork.Mainnet, out var address, out _));
        Assert.Equal(messageHash, Convert.ToHexStringLower(Bip322Verifier.MessageHash(message)));
        Assert.Equal(toSpend, Bip322Verifier.ToSpendTxid(address!, message));
        Assert.Equal(toSign, Bip322Verifier.ToSignTxid(address!, message));
    }

    [Theory]
    [MemberData(nameof(ValidSignatures))]
    public void Verify_OfficialValidSignature_ValidOrInconclusiveForTimeLocks(string type, string addressText, string message, string signature)
    {
        Assert.True(BitcoinAddress.TryParse(addressText, BitcoinNetwork.Mainnet, out var address, out _));
        var result = Bip322Verifier.Verify(address!, message, signature);
        if (type.Contains("time-lock", StringComparison.Ordinal))
        {
            // Fail closed: this verifier does not interpret CLTV/CSV scripts.
            Assert.Equal(OwnershipFailure.UnsupportedScript, result.Failure);
        }
        else
        {
            Assert.True(result.IsValid, $"{type}: {result.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Verify_OfficialErrorCase_NotValid(string description, string addressText, string message, string signature)
    {
        var valid = BitcoinAddress.TryParse(addressText, BitcoinNetwork.Mainnet, out var address, out _)
            && Bip322Verifier.Verify(address!, message, signature).IsValid;
        Assert.False(valid, description);
    }

    [Theory]
    [MemberData(nameof(ProofOfFunds))]
    public void Verify_ProofOfFunds_InconclusiveNotValid(string addressText, string message, string signature)
    {
        Assert.True(BitcoinAddress.TryParse(addressText, BitcoinNetwork.Mainnet, out var address, out _));
        Assert.Equal(OwnershipFailure.UnsupportedProof, Bip322Verifier.Verify(address!, message, signature).Failure);
    }

    [Fact]
    public void Verify_TamperedSimpleSignature_Invalid()
    {
        var vector = TestData.Json("vectors/bip322/basic-test-vectors.json").GetProperty("simple")[0];
        Assert.True(BitcoinAddress.TryParse(vector.GetProperty("address").GetString()!, BitcoinNetwork.Mainnet, out var address, out _));
        var payload = Convert.FromBase64String(vector.GetProperty("bip322_signatures")[0].GetString()![3..]);
        for (var i = 10; i < 70; i += 7)
        {
            var tampered = (byte[])payload.Clone();
            tampered[i] ^= 0x04;
            var failure = Bip322Verifier.Verify(address!, vector.GetProperty("message").GetString()!, "smp" + Convert.ToBase64String(tampered)).Failure;

            // A flipped bit lands in the signature (fails the check or no longer decodes) or in the key (no longer the address).
            Assert.Contains(failure, new[] { OwnershipFailure.SignatureInvalid, OwnershipFailure.SignatureMalformed, OwnershipFailure.KeyAddressMismatch });
        }
    }
}
