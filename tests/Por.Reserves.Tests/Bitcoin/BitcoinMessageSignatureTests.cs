// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Crypto.Native;
using Por.Reserves.Bitcoin;
using Por.Reserves.Ownership;
using Por.Testing;

namespace Por.Reserves.Tests.Bitcoin;

public sealed class BitcoinMessageSignatureTests
{
    private const string CoreKey = "d97f5108f11cda6eeebaaa420fef0726b1f898060b98489fa3098463c0032866";
    private const string CoreSignature = "IPojfrX2dfPnH26UegfbGQQLrdK844DlHq5157/P6h57WyuS/Qsl+h/WSVGDF4MUi4rWSswW38oimDYfNNUBUOk=";

    public static TheoryData<string, string, string, string, bool> Vectors()
    {
        var data = new TheoryData<string, string, string, string, bool>();
        var root = TestData.Json("vectors/bitcoin-signmessage.json");
        foreach (var v in root.GetProperty("bitcoin_core").GetProperty("message_verify").EnumerateArray())
        {
            data.Add("bitcoin", Str(v, "address"), Str(v, "message"), Str(v, "signature"), string.Equals(Str(v, "expected"), "OK", StringComparison.Ordinal));
        }

        var fixtures = root.GetProperty("bitcoinjs_message").GetProperty("fixtures");
        foreach (var v in fixtures.GetProperty("valid").GetProperty("verify").EnumerateArray())
        {
            var network = Str(v, "network");
            data.Add(network, Str(v, "address"), Str(v, "message"), Str(v, "signature"), true);
            if (v.TryGetProperty("compressed", out var c))
            {
                data.Add(network, Str(c, "address"), Str(v, "message"), Str(c, "signature"), true);
            }

            if (v.TryGetProperty("segwit", out var segwit))
            {
                foreach (var kind in segwit.EnumerateObject())
                {
                    data.Add(network, Str(kind.Value, "address"), Str(v, "message"), Str(kind.Value, "signature"), true);
                }
            }
        }

        foreach (var v in fixtures.GetProperty("invalid").GetProperty("verify").EnumerateArray())
        {
            data.Add("bitcoin", Str(v, "address"), Str(v, "message"), Str(v, "signature"), false);
        }

        foreach (var v in root.GetProperty("electrum").GetProperty("verify").EnumerateArray())
        {
            var signature = v.TryGetProperty("signature", out var s) ? s.GetString()!
                : v.TryGetProperty("signature_hex", out var h) ? Convert.ToBase64String(Convert.FromHexString(h.GetString()!))
                : Str(v, "signature_text");
            data.Add("bitcoin", Str(v, "address"), Str(v, "message"), signature, v.GetProperty("expected").GetBoolean());
        }

        foreach (var v in root.GetProperty("electrum").GetProperty("sign").EnumerateArray())
        {
            data.Add("bitcoin", Str(v, "address"), Str(v, "message"), Str(v, "expected_signature"), true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verify_PublishedVector_MatchesExpectation(string networkName, string addressText, string message, string signature, bool expected)
    {
        var network = BitcoinNetwork.FromName(networkName)!;
        var valid = BitcoinAddress.TryParse(addressText, network, out var address, out _)
            && BitcoinMessageSignature.Verify(address!, network, message, signature).IsValid;
        Assert.Equal(expected, valid);
    }

    [Fact]
    public void MessageHash_CoreExamples_MatchPublishedDigests()
    {
        Assert.Equal("80e795d4a4caadd7047af389d9f7f220562feb6196032e2131e10563352c4bcc", Convert.ToHexStringLower(BitcoinMessageSignature.MessageHash(string.Empty, BitcoinNetwork.Mainnet)));
        Assert.Equal("f8a5affbef4a3241b19067aa694562f64f513310817297089a8929a930f4f933", Convert.ToHexStringLower(BitcoinMessageSignature.MessageHash("Vires is Numeris", BitcoinNetwork.Mainnet)));
    }

    [Fact]
    public void SignRecoverable_CoreKey_ReproducesCoreSignature()
    {
        var hash = BitcoinMessageSignature.MessageHash("Trust no one", BitcoinNetwork.Mainnet);
        var (signature, recoveryId) = Secp256k1.SignRecoverable(hash, Convert.FromHexString(CoreKey));
        Assert.Equal(CoreSignature, Convert.ToBase64String([(byte)(31 + recoveryId), .. signature]));
    }

    [Theory]
    [InlineData("bc1q9cy7s7nmzah0m6mt2ftmu6x723esjxqkkl4wsw", "KPojfrX2dfPnH26UegfbGQQLrdK844DlHq5157/P6h57WyuS/Qsl+h/WSVGDF4MUi4rWSswW38oimDYfNNUBUOk=", false)]
    [InlineData("35uijJkf4rcCnGzEZsn12YJenTHToDKpr2", "JPojfrX2dfPnH26UegfbGQQLrdK844DlHq5157/P6h57WyuS/Qsl+h/WSVGDF4MUi4rWSswW38oimDYfNNUBUOk=", false)]
    [InlineData("bc1q9cy7s7nmzah0m6mt2ftmu6x723esjxqkkl4wsw", "IDwqvZibt6Rm8HBzO086WGxZSYfHNeAy/Xd+4HOwDd2jHgGNQ9roa9wYqbEfkhJ0XhDnsPrMFJcbAVx6ycPSicQ=", true)]
    [InlineData("35uijJkf4rcCnGzEZsn12YJenTHToDKpr2", "IDwqvZibt6Rm8HBzO086WGxZSYfHNeAy/Xd+4HOwDd2jHgGNQ9roa9wYqbEfkhJ0XhDnsPrMFJcbAVx6ycPSicQ=", true)]
    [InlineData("15CRxFdyRpGZLW9w8HnHvVduizdL5jKNbs", "IDwqvZibt6Rm8HBzO086WGxZSYfHNeAy/Xd+4HOwDd2jHgGNQ9roa9wYqbEfkhJ0XhDnsPrMFJcbAVx6ycPSicQ=", false)]
    public void Verify_CoreKeyAllAddressTypes_ValidAndElectrumHeaderNoted(string addressText, string signature, bool electrumStyle)
    {
        Assert.True(BitcoinAddress.TryParse(addressText, BitcoinNetwork.Mainnet, out var address, out _));
        var result = BitcoinMessageSignature.Verify(address!, BitcoinNetwork.Mainnet, "Trust no one", signature);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(electrumStyle, result.Notes.Count > 0);
    }

    [Fact]
    public void Verify_SegwitHeaderOnP2pkh_Invalid()
    {
        Assert.True(BitcoinAddress.TryParse("15CRxFdyRpGZLW9w8HnHvVduizdL5jKNbs", BitcoinNetwork.Mainnet, out var address, out _));
        var result = BitcoinMessageSignature.Verify(address!, BitcoinNetwork.Mainnet, "Trust no one", "KPojfrX2dfPnH26UegfbGQQLrdK844DlHq5157/P6h57WyuS/Qsl+h/WSVGDF4MUi4rWSswW38oimDYfNNUBUOk=");
        Assert.Equal(OwnershipFailure.HeaderMismatch, result.Failure);
    }

    [Fact]
    public void Verify_UncompressedHeaderOnSegwit_Invalid()
    {
        Assert.True(BitcoinAddress.TryParse("bc1q9cy7s7nmzah0m6mt2ftmu6x723esjxqkkl4wsw", BitcoinNetwork.Mainnet, out var address, out _));
        var signature = Convert.FromBase64String(CoreSignature);
        signature[0] = (byte)(signature[0] - 4);
        var result = BitcoinMessageSignature.Verify(address!, BitcoinNetwork.Mainnet, "Trust no one", Convert.ToBase64String(signature));
        Assert.Equal(OwnershipFailure.HeaderMismatch, result.Failure);
    }

    [Theory]
    [InlineData("bc1qazhmhwl9sxgjmwnd96hh926s3x5l0cf64yy6hvyn6qms438x550qy5sgva")]
    [InlineData("bc1pcquvhrqv0q68t4m0hfq6tpn006qrskyc7yrqnp2uyrf2emg3wynsdjyk38")]
    public void Verify_ScriptOrTaprootAddress_InconclusiveNotValid(string addressText)
    {
        Assert.True(BitcoinAddress.TryParse(addressText, BitcoinNetwork.Mainnet, out var address, out _));
        var result = BitcoinMessageSignature.Verify(address!, BitcoinNetwork.Mainnet, "Trust no one", CoreSignature);
        Assert.Equal(OwnershipFailure.UnsupportedAddressType, result.Failure);
        Assert.Equal(OwnershipStatus.Inconclusive, result.Status);
    }

    [Fact]
    public void Verify_TamperedSignatureEveryByte_NeverValid()
    {
        Assert.True(BitcoinAddress.TryParse("15CRxFdyRpGZLW9w8HnHvVduizdL5jKNbs", BitcoinNetwork.Mainnet, out var address, out _));
        var original = Convert.FromBase64String(CoreSignature);
        for (var i = 0; i < original.Length; i++)
        {
            var tampered = (byte[])original.Clone();
            tampered[i] ^= 0x01;
            var failure = BitcoinMessageSignature.Verify(address!, BitcoinNetwork.Mainnet, "Trust no one", Convert.ToBase64String(tampered)).Failure;

            // A flipped header bit changes the key form or address family; a flipped r/s bit recovers another key or none.
            Assert.Contains(failure, new[] { OwnershipFailure.KeyAddressMismatch, OwnershipFailure.HeaderMismatch, OwnershipFailure.SignatureMalformed });
        }
    }

    [Theory]
    [InlineData("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs")]
    [InlineData("1111111111111111111114oLvT2x")]
    [InlineData("not an address")]
    [InlineData("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx")]
    public void TryParse_UnknownOrForeignAddress_FailsWithReason(string text)
    {
        Assert.False(BitcoinAddress.TryParse(text, BitcoinNetwork.Mainnet, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    private static string Str(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
