// SPDX-License-Identifier: Apache-2.0

using Por.Testing;

namespace Por.Crypto.Tests;

public sealed class Bech32Tests
{
    public static TheoryData<string, bool> ValidStrings()
    {
        var data = new TheoryData<string, bool>();
        var root = TestData.Json("vectors/bitcoin-addresses.json");
        foreach (var v in root.GetProperty("bip173").GetProperty("bech32_valid").EnumerateArray())
        {
            data.Add(v.GetProperty("string").GetString()!, false);
        }

        foreach (var v in root.GetProperty("bip350").GetProperty("bech32m_valid").EnumerateArray())
        {
            data.Add(v.GetProperty("string").GetString()!, true);
        }

        return data;
    }

    public static TheoryData<string> InvalidStrings()
    {
        var data = new TheoryData<string>();
        var root = TestData.Json("vectors/bitcoin-addresses.json");
        foreach (var (bip, key) in new[] { ("bip173", "bech32_invalid"), ("bip350", "bech32m_invalid") })
        {
            foreach (var v in root.GetProperty(bip).GetProperty(key).EnumerateArray())
            {
                var text = v.TryGetProperty("string_hex", out var hex)
                    ? new string([.. Convert.FromHexString(hex.GetString()!).Select(b => (char)b)])
                    : v.GetProperty("string").GetString()!;
                data.Add(text);
            }
        }

        return data;
    }

    public static TheoryData<string, string> ValidAddresses()
    {
        var data = new TheoryData<string, string>();
        foreach (var v in TestData.Json("vectors/bitcoin-addresses.json").GetProperty("bip350").GetProperty("segwit_valid").EnumerateArray())
        {
            data.Add(v.GetProperty("address").GetString()!, v.GetProperty("scriptPubKey").GetString()!);
        }

        return data;
    }

    public static TheoryData<string> InvalidAddresses()
    {
        var data = new TheoryData<string>();
        var root = TestData.Json("vectors/bitcoin-addresses.json");
        foreach (var v in root.GetProperty("bip350").GetProperty("segwit_invalid").EnumerateArray())
        {
            data.Add(v.GetProperty("string").GetString()!);
        }

        foreach (var v in root.GetProperty("bip173").GetProperty("segwit_invalid").EnumerateArray())
        {
            data.Add(v.GetProperty("string").GetString()!);
        }

        // BIP-173 addresses for witness v1+ use bech32, which BIP-350 invalidates.
        foreach (var v in root.GetProperty("bip173").GetProperty("segwit_valid").EnumerateArray())
        {
            if (!v.GetProperty("valid_under_bip350").GetBoolean())
            {
                data.Add(v.GetProperty("address").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidStrings))]
    public void TryDecode_OfficialValid_SucceedsWithRightVariant(string text, bool isBech32m)
    {
        Assert.True(Bech32.TryDecode(text, out var hrp, out var data, out var encoding));
        Assert.Equal(isBech32m ? Bech32Encoding.Bech32m : Bech32Encoding.Bech32, encoding);
        Assert.Equal(text.ToLowerInvariant(), Bech32.Encode(hrp, data, encoding));
    }

    [Theory]
    [MemberData(nameof(InvalidStrings))]
    public void TryDecode_OfficialInvalid_Fails(string text) => Assert.False(Bech32.TryDecode(text, out _, out _, out _));

    [Theory]
    [MemberData(nameof(ValidAddresses))]
    public void TryDecodeSegwitAddress_OfficialValid_GivesScript(string address, string scriptHex)
    {
        var hrp = address[..address.LastIndexOf('1')].ToLowerInvariant();
        Assert.True(Bech32.TryDecodeSegwitAddress(hrp, address, out var version, out var program));
        var opcode = version == 0 ? 0 : 0x50 + version;
        Assert.Equal(scriptHex, Convert.ToHexStringLower([(byte)opcode, (byte)program.Length, .. program]));
        Assert.Equal(address.ToLowerInvariant(), Bech32.EncodeSegwitAddress(hrp, version, program));
    }

    [Theory]
    [MemberData(nameof(InvalidAddresses))]
    public void TryDecodeSegwitAddress_OfficialInvalid_Fails(string address)
    {
        Assert.False(Bech32.TryDecodeSegwitAddress("bc", address, out _, out _));
        Assert.False(Bech32.TryDecodeSegwitAddress("tb", address, out _, out _));
    }
}
