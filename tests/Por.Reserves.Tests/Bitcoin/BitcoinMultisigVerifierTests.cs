// SPDX-License-Identifier: Apache-2.0

using Por.Crypto.Native;
using Por.Reserves.Bitcoin;
using Por.Reserves.Ownership;

namespace Por.Reserves.Tests.Bitcoin;

public sealed class BitcoinMultisigVerifierTests
{
    // Real OKX sample (okx/proof-of-reserves example/test.csv): P2WSH 2-of-3, message OKC_DTT_AUP2025.
    private const string Address = "bc1q82aks5ft2at48wp0sa6rr5vtzutvgzr8azts6w8nlu0dqc2dx24qvzwspk";
    private const string Script = "522103cf1f7e2d8e428e5dfc36d9eacd679a0bf7356a8e05dd02c8a9a12db36bb1c92421027b961ddea8ae2e81d47804685cf2ab820a4d59cdcb10f70adeeaf0e4d8817eae2102813215371e992904e68b3b77752898b22d89d7ca1c2562e8403040fd5e807c1453ae";
    private const string Message = "OKC_DTT_AUP2025";
    private const string Signature1 = "ICCxeipsfRZUurcUKGkXzA9p3WVrDeNzdAg1yojDRrCBGY/2fRe6Sg9F0tgQ6a4THqIJoCSIlmyxay6QQ6FSfcY=";
    private const string Signature2 = "H3CfdwwB+klW7yPNpHeuQhpzxdmXEWczUSp4UziFimaLCdzg9bpw/KP+TwawJlOhD5EZS++Y1A9EU4pkps5VWRE=";

    [Fact]
    public void Verify_OkxTwoOfThree_Valid()
    {
        var result = Verify(Address, Script, Message, [Signature1, Signature2]);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Verify_SameKeySignedTwice_Invalid()
    {
        var result = Verify(Address, Script, Message, [Signature1, Signature1]);
        Assert.Equal(OwnershipFailure.DuplicateSigner, result.Failure);
        Assert.Contains("repeats", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SameKeyTwoDifferentSignatures_Invalid()
    {
        // A second, different signature by the same key must not count as a second signer.
        var hash = BitcoinMessageSignature.MessageHash(Message, BitcoinNetwork.Mainnet);
        var key = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000003");
        var pub = Secp256k1.CreatePublicKey(key, compressed: true);
        var other = Secp256k1.CreatePublicKey(Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000005"), compressed: true);
        byte[] script = [0x52, 33, .. pub, 33, .. other, 0x52, 0xae];
        var address = Por.Crypto.Bech32.EncodeSegwitAddress("bc", 0, System.Security.Cryptography.SHA256.HashData(script));
        var (sig, recid) = Secp256k1.SignRecoverable(hash, key);
        var first = Convert.ToBase64String([(byte)(31 + recid), .. sig]);
        var highS = HighS(sig);
        var second = Convert.ToBase64String([(byte)(31 + (recid ^ 1)), .. highS]);
        Assert.NotEqual(first, second, StringComparer.Ordinal);
        var result = Verify(address, Convert.ToHexStringLower(script), Message, [first, second]);
        Assert.Equal(OwnershipFailure.DuplicateSigner, result.Failure);
    }

    [Fact]
    public void Verify_OneSignatureOfTwoRequired_Invalid() =>
        Assert.Equal(OwnershipFailure.ThresholdNotMet, Verify(Address, Script, Message, [Signature1]).Failure);

    [Fact]
    public void Verify_OtherRoundMessage_Invalid() =>
        Assert.Equal(OwnershipFailure.SignerNotAuthorized, Verify(Address, Script, "OKC_DTT_AUP2024", [Signature1, Signature2]).Failure);

    [Fact]
    public void Verify_ScriptNotMatchingAddress_Invalid()
    {
        var otherScript = Script[..^4] + "53ae";
        var wrongM = "53" + Script[2..];
        Assert.Equal(OwnershipFailure.ScriptAddressMismatch, Verify(Address, otherScript.Replace("5221", "5321", StringComparison.Ordinal), Message, [Signature1, Signature2]).Failure);
        Assert.Equal(OwnershipFailure.ScriptAddressMismatch, Verify(Address, wrongM, Message, [Signature1, Signature2]).Failure);
    }

    [Fact]
    public void Verify_NonMultisigScript_Inconclusive() =>
        Assert.Equal(OwnershipFailure.UnsupportedScript, Verify(Address, "51", Message, [Signature1, Signature2]).Failure);

    [Fact]
    public void Verify_ForeignKeySignature_Invalid()
    {
        const string CoreSignature = "IPojfrX2dfPnH26UegfbGQQLrdK844DlHq5157/P6h57WyuS/Qsl+h/WSVGDF4MUi4rWSswW38oimDYfNNUBUOk=";
        Assert.Equal(OwnershipFailure.SignerNotAuthorized, Verify(Address, Script, Message, [Signature1, CoreSignature]).Failure);
    }

    [Fact]
    public void Verify_P2shWrappings_MatchSameScript()
    {
        var script = Convert.FromHexString(Script);
        var p2sh = Por.Crypto.Base58.EncodeCheck([0x05, .. Por.Crypto.BitcoinHashes.Hash160(script)]);
        byte[] nested = [0x00, 0x20, .. System.Security.Cryptography.SHA256.HashData(script)];
        var p2shP2wsh = Por.Crypto.Base58.EncodeCheck([0x05, .. Por.Crypto.BitcoinHashes.Hash160(nested)]);
        Assert.Contains("P2SH script", Verify(p2sh, Script, Message, [Signature1, Signature2]).Message, StringComparison.Ordinal);
        Assert.Contains("P2SH-P2WSH", Verify(p2shP2wsh, Script, Message, [Signature1, Signature2]).Message, StringComparison.Ordinal);
    }

    private static byte[] HighS(byte[] signature)
    {
        var n = System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var flipped = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = (byte[])signature.Clone();
        Array.Clear(result, 32, 32);
        flipped.CopyTo(result, 64 - flipped.Length);
        return result;
    }

    private static OwnershipResult Verify(string addressText, string scriptHex, string message, string[] signatures)
    {
        Assert.True(BitcoinAddress.TryParse(addressText, BitcoinNetwork.Mainnet, out var address, out var error), error);
        return BitcoinMultisigVerifier.Verify(address!, BitcoinNetwork.Mainnet, message, Convert.FromHexString(scriptHex), signatures);
    }
}
