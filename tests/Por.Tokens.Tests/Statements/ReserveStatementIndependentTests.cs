// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Testing;
using Por.Tokens.Statements;

namespace Por.Tokens.Tests.Statements;

/// <summary>
/// docs/token-por.md "Reserve statements" is enough to sign and verify a statement: scripts/vectors/reserve-statement.js,
/// written from the docs with tweetnacl and ethers, produces the known answers (signing bytes, signatures) that por
/// must reproduce byte for byte, and agrees with por on honest and tampered statements.
/// </summary>
public sealed class ReserveStatementIndependentTests : IDisposable
{
    private const string Secret = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("ed25519")]
    [InlineData("secp256k1")]
    public async Task IndependentSignature_IsPorsByteForByte_AndVerifies(string algorithmName)
    {
        Assert.True(StatementPublicKey.TryParseAlgorithm(algorithmName, out var algorithm));
        var unsigned = _dir.Write("unsigned.json", ReserveStatementJson.Write(StatementFixtures.Unsigned()));
        var signedByPeer = Encoding.UTF8.GetBytes(await StatementFixtures.NodeAsync("sign", unsigned, algorithmName, Secret));
        var peerFile = _dir.Write("peer.json", signedByPeer);
        var parsed = ReserveStatementJson.Parse(signedByPeer, peerFile, requireSignature: true);

        // The known answer: the peer's signing bytes are por's.
        var peerBytes = Convert.FromHexString(await StatementFixtures.NodeAsync("bytes", peerFile));
        Assert.Equal(peerBytes, parsed.SigningBytes());

        // The peer's signature verifies with the pinned key, and por signing with the same secret gives the same bytes
        // (Ed25519 is deterministic; libsecp256k1 and ethers both use RFC 6979 nonces with low S).
        var key = new StatementKey("Example Accountants LLP", new StatementPublicKey(algorithm, parsed.PublicKey!), Convert.FromHexString(Secret));
        Assert.True(parsed.VerifySignature([key.PublicKey], out var reason), reason);
        var ours = StatementFixtures.Unsigned().SignWith(key);
        Assert.Equal(parsed.Signature, ours.Signature);

        // por's signed file verifies in the peer; a tampered amount fails in both.
        var ourFile = _dir.Write("ours.json", ReserveStatementJson.Write(ours));
        Assert.Equal("valid", await StatementFixtures.NodeAsync("verify", ourFile, Convert.ToHexStringLower(key.PublicKey.Key)));
        var tampered = Encoding.UTF8.GetString(ReserveStatementJson.Write(ours)).Replace("\"600000.25\"", "\"600001.25\"", StringComparison.Ordinal)
            .Replace("\"1000000.25\"", "\"1000001.25\"", StringComparison.Ordinal);
        var tamperedFile = _dir.Write("tampered.json", tampered);
        Assert.Equal("invalid", await StatementFixtures.NodeAsync("verify", tamperedFile, Convert.ToHexStringLower(key.PublicKey.Key)));
        var reparsed = ReserveStatementJson.Parse(Encoding.UTF8.GetBytes(tampered), tamperedFile, requireSignature: true);
        Assert.False(reparsed.VerifySignature([key.PublicKey], out _));
    }

    [Fact]
    public void SigningBytes_StartWithTheDomain_AndTagEveryValue()
    {
        var key = new StatementKey("k", new StatementPublicKey(StatementAlgorithm.Ed25519, new byte[32]), null);
        var statement = StatementFixtures.Unsigned() with { Algorithm = key.PublicKey.Algorithm, PublicKey = key.PublicKey.Key, ValidUntil = null };
        var bytes = statement.SigningBytes();
        Assert.Equal(Encoding.ASCII.GetBytes(ReserveStatement.Domain), bytes[..ReserveStatement.Domain.Length]);
        var rest = bytes.AsSpan(ReserveStatement.Domain.Length);

        // text "por-reserve-statement/1": 0x01, length 23, the bytes.
        Assert.Equal(new byte[] { 1, 0, 0, 0, 23 }, rest[..5].ToArray());
        Assert.Equal("por-reserve-statement/1", Encoding.ASCII.GetString(rest.Slice(5, 23)));

        // A null valid-until and a present one encode differently, so a signature over one does not cover the other.
        Assert.NotEqual(Convert.ToHexString(bytes), Convert.ToHexString((statement with { ValidUntil = StatementFixtures.AsOf }).SigningBytes()));

        // Moving text between adjacent fields changes the bytes (length prefixes).
        var moved = statement with { Issuer = statement.Issuer + "u", Token = statement.Token[1..] };
        Assert.NotEqual(Convert.ToHexString(bytes), Convert.ToHexString(moved.SigningBytes()));
    }
}
