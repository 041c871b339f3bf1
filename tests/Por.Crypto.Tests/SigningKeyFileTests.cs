// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Common;
using Por.Crypto.Native;
using Por.Testing;

namespace Por.Crypto.Tests;

/// <summary>
/// The key file shape shared by auditor keys and reserve-statement signer keys (<see cref="SigningKeyFile"/>): each
/// check of <see cref="SigningKeyFile.Read"/> is shown by a file that only it refuses.
/// </summary>
public sealed class SigningKeyFileTests
{
    private const string SecretFormat = "por-test-key/1";
    private const string PublicFormat = "por-test-public-key/1";

    [Theory]
    [InlineData(SigningAlgorithm.Ed25519)]
    [InlineData(SigningAlgorithm.Secp256k1)]
    public void SecretAndPublicFiles_RoundTrip_AndTheKeySigns(SigningAlgorithm algorithm)
    {
        using var dir = new TempDirectory();
        var (secret, publicKey) = SigningKeyFile.Generate(algorithm);
        Assert.Equal(SigningKeyFile.PublicKeySize(algorithm), publicKey.Length);

        var secretFile = dir.Write("key.json", SigningKeyFile.ToJson(SecretFormat, algorithm, "Signer", publicKey, secret));
        var publicFile = dir.Write("key.pub.json", SigningKeyFile.ToJson(PublicFormat, algorithm, "Signer", publicKey, null));

        var read = SigningKeyFile.Read(secretFile, SecretFormat, requireSecret: true);
        Assert.Equal((algorithm, "Signer"), (read.Algorithm, read.Name));
        Assert.Equal(publicKey, read.PublicKey);
        Assert.Equal(secret, read.SecretKey);
        var readPublic = SigningKeyFile.Read(publicFile, PublicFormat, requireSecret: false);
        Assert.Null(readPublic.SecretKey);
        Assert.Equal(publicKey, readPublic.PublicKey);

        var digest = SHA256.HashData("statement"u8);
        var signature = SigningKeyFile.SignDigest(algorithm, secret, digest);
        Assert.True(algorithm == SigningAlgorithm.Ed25519
            ? Ed25519.Verify(digest, signature, publicKey)
            : Secp256k1.VerifyCompact(digest, signature, publicKey));
    }

    [Theory]
    [InlineData(SigningAlgorithm.Ed25519)]
    [InlineData(SigningAlgorithm.Secp256k1)]
    public void ASecretThatDoesNotBelongToThePublicKey_IsRefused(SigningAlgorithm algorithm)
    {
        using var dir = new TempDirectory();
        var (secret, _) = SigningKeyFile.Generate(algorithm);
        var (_, otherPublic) = SigningKeyFile.Generate(algorithm);
        var file = dir.Write("key.json", SigningKeyFile.ToJson(SecretFormat, algorithm, "Signer", otherPublic, secret));

        Assert.Equal("public_key", Refusal(file, SecretFormat, requireSecret: true).Field);
    }

    [Fact]
    public void EachMalformedField_IsRefusedByName()
    {
        using var dir = new TempDirectory();
        var (secret, publicKey) = SigningKeyFile.Generate(SigningAlgorithm.Secp256k1);
        var good = Encoding.UTF8.GetString(SigningKeyFile.ToJson(SecretFormat, SigningAlgorithm.Secp256k1, "Signer", publicKey, secret));
        var publicHex = Convert.ToHexStringLower(publicKey);
        var secretHex = Convert.ToHexStringLower(secret);

        // Not on the curve: x = 5 has no y on secp256k1 (5^3 + 7 = 132 is not a square mod p).
        var offCurve = "02" + new string('0', 62) + "05";
        var cases = new (string Json, string Field)[]
        {
            (good.Replace(SecretFormat, PublicFormat, StringComparison.Ordinal), "format"),
            (good.Replace("\"secp256k1\"", "\"rsa\"", StringComparison.Ordinal), "algorithm"),
            (good.Replace(publicHex, offCurve, StringComparison.Ordinal), "public_key"),
            (good.Replace(publicHex, "04" + publicHex[2..], StringComparison.Ordinal), "public_key"),
            (good.Replace(publicHex, publicHex[..^2], StringComparison.Ordinal), "public_key"),
            (good.Replace(secretHex, new string('0', 64), StringComparison.Ordinal), "secret_key"),
        };
        foreach (var (json, field) in cases)
        {
            Assert.Equal(field, Refusal(dir.Write("bad.json", json), SecretFormat, requireSecret: true).Field);
        }

        // Exactly the fields of the file kind: a public key file may not carry a secret, a secret file must.
        Assert.Throws<InputException>(() => SigningKeyFile.Read(dir.Write("extra.json", good), SecretFormat.Replace("key", "public-key", StringComparison.Ordinal), requireSecret: false));
        var withoutSecret = Encoding.UTF8.GetString(SigningKeyFile.ToJson(SecretFormat, SigningAlgorithm.Secp256k1, "Signer", publicKey, null));
        Assert.Throws<InputException>(() => SigningKeyFile.Read(dir.Write("missing.json", withoutSecret), SecretFormat, requireSecret: true));
    }

    private static InputException Refusal(string file, string format, bool requireSecret) =>
        Assert.Throws<InputException>(() => SigningKeyFile.Read(file, format, requireSecret));
}
