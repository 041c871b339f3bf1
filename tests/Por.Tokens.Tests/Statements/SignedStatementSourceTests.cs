// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Testing;
using Por.Tokens.Model;
using Por.Tokens.Reserves;
using Por.Tokens.Statements;

namespace Por.Tokens.Tests.Statements;

/// <summary>Every failure member of a signed-statement source, each from a statement that differs from an honest one in one respect.</summary>
public sealed class SignedStatementSourceTests : IDisposable
{
    private static readonly DateTimeOffset s_now = StatementFixtures.AsOf.AddHours(6);
    private readonly TempDirectory _dir = new();
    private readonly StatementKey _key = StatementKey.Generate(StatementAlgorithm.Ed25519, "Example Accountants LLP");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(6, "1000000250000")]
    [InlineData(2, "100000025")]
    [InlineData(1, "10000002")]
    [InlineData(0, "1000000")]
    public async Task HonestStatement_CountsTheAvailableAssets_ScaledDown(int tokenDecimals, string expected)
    {
        var evidence = await ReadAsync(StatementFixtures.Unsigned(), tokenDecimals: tokenDecimals);
        Assert.Equal(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(EvidenceClass.SignedStatement, evidence.Class);
        Assert.Equal(expected, evidence.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(StatementFixtures.AsOf, evidence.ObservedAt);
        Assert.StartsWith("statement sha256 ", evidence.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedStatement_IsBadSignature()
    {
        var path = Write(StatementFixtures.Unsigned().SignWith(_key));
        var text = File.ReadAllText(path).Replace("\"400000.00\"", "\"900000.00\"", StringComparison.Ordinal).Replace("\"1000000.25\"", "\"1500000.25\"", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        var evidence = await Source(path).ReadAsync(Context(), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.BadSignature, evidence.Failure);
    }

    [Fact]
    public async Task StatementSignedByAnUnpinnedKey_IsBadSignature_EvenWhenItsOwnKeyVerifies()
    {
        var other = StatementKey.Generate(StatementAlgorithm.Ed25519, "Somebody Else");
        var path = Write(StatementFixtures.Unsigned().SignWith(other));
        var evidence = await Source(path).ReadAsync(Context(), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.BadSignature, evidence.Failure);
        Assert.Contains("not a pinned signer key", evidence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secp256k1Statement_Verifies_AndAFlippedBitDoesNot()
    {
        var key = StatementKey.Generate(StatementAlgorithm.Secp256k1, "Custody Bank N.A.");
        var signed = StatementFixtures.Unsigned().SignWith(key);
        Assert.Equal(EvidenceFailure.None, (await ReadAsync(signed, signers: [key.PublicKey], presigned: true)).Failure);
        var flipped = signed.Signature!.ToArray();
        flipped[40] ^= 1;
        Assert.Equal(EvidenceFailure.BadSignature, (await ReadAsync(signed with { Signature = flipped }, signers: [key.PublicKey], presigned: true)).Failure);
    }

    [Fact]
    public async Task StatementForAnotherToken_IsMismatch()
    {
        var evidence = await ReadAsync(StatementFixtures.Unsigned() with { Token = "usdy" });
        Assert.Equal(EvidenceFailure.Mismatch, evidence.Failure);
        Assert.Contains("usdy", evidence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatementOfAnotherIssuerOrCurrency_IsMismatch()
    {
        Assert.Equal(EvidenceFailure.Mismatch, (await ReadAsync(StatementFixtures.Unsigned() with { Issuer = "Other Trust" })).Failure);
        Assert.Equal(EvidenceFailure.Mismatch, (await ReadAsync(StatementFixtures.Unsigned() with { Currency = "EUR" })).Failure);
    }

    [Fact]
    public async Task StatedTotalThatIsNotTheSumOfAvailableAssets_IsMismatch()
    {
        // Counting the pledged repo into the total is refused.
        var evidence = await ReadAsync(StatementFixtures.Unsigned() with { TotalAvailable = "1005000.25", TotalAvailableBaseUnits = 100_500_025 });
        Assert.Equal(EvidenceFailure.Mismatch, evidence.Failure);
        Assert.Contains("pledged", evidence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ripcord_IsRipcord()
    {
        var evidence = await ReadAsync(StatementFixtures.Unsigned() with { Ripcord = true, RipcordDetails = "bank holiday: balances not confirmed" });
        Assert.Equal(EvidenceFailure.Ripcord, evidence.Failure);
        Assert.Contains("bank holiday", evidence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingOrFutureAsOf_IsUnclocked()
    {
        Assert.Equal(EvidenceFailure.Unclocked, (await ReadAsync(StatementFixtures.Unsigned() with { AsOf = null })).Failure);
        Assert.Equal(EvidenceFailure.Unclocked, (await ReadAsync(StatementFixtures.Unsigned() with { AsOf = s_now.AddMinutes(1) })).Failure);
    }

    [Fact]
    public async Task ExpiredOrTooOld_IsStale()
    {
        Assert.Equal(EvidenceFailure.Stale, (await ReadAsync(StatementFixtures.Unsigned() with { ValidUntil = s_now })).Failure);
        Assert.Equal(EvidenceFailure.None, (await ReadAsync(StatementFixtures.Unsigned() with { ValidUntil = s_now.AddSeconds(1) })).Failure);

        // Without valid-until, the source's maximum age (1 day) decides: exactly at the limit is fresh, a second later stale.
        var noUntil = StatementFixtures.Unsigned() with { ValidUntil = null };
        Assert.Equal(EvidenceFailure.None, (await ReadAsync(noUntil, at: StatementFixtures.AsOf.AddDays(1))).Failure);
        Assert.Equal(EvidenceFailure.Stale, (await ReadAsync(noUntil, at: StatementFixtures.AsOf.AddDays(1).AddSeconds(1))).Failure);
    }

    [Fact]
    public async Task MissingOrMalformedFile_IsIncomplete()
    {
        Assert.Equal(EvidenceFailure.Incomplete, (await Source(_dir.File("absent.json")).ReadAsync(Context(), TestContext.Current.CancellationToken)).Failure);
        var path = Write(StatementFixtures.Unsigned().SignWith(_key));
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"600000.25\"", "\"600000.250\"", StringComparison.Ordinal));
        var evidence = await Source(path).ReadAsync(Context(), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.Incomplete, evidence.Failure);
        Assert.Contains("assets[0].amount", evidence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesUnsignedStatementsWhereASignatureIsRequired_AndSignaturesInTheSignInput()
    {
        var unsigned = ReserveStatementJson.Write(StatementFixtures.Unsigned());
        var e = Assert.Throws<InputException>(() => ReserveStatementJson.Parse(unsigned, "s.json", requireSignature: true));
        Assert.Equal("algorithm", e.Field);
        var signed = ReserveStatementJson.Write(StatementFixtures.Unsigned().SignWith(_key));
        e = Assert.Throws<InputException>(() => ReserveStatementJson.Parse(signed, "s.json", requireSignature: false));
        Assert.Equal("algorithm", e.Field);
    }

    [Theory]
    [InlineData("\"type\": \"cash\"", "\"type\": \"gold\"", "assets[0].type")]
    [InlineData("\"jurisdiction\": \"DE\"", "\"jurisdiction\": \"Germany\"", "assets[0].jurisdiction")]
    [InlineData("\"account_nature\": \"segregated\"", "\"account_nature\": \"shared\"", "assets[0].account_nature")]
    [InlineData("\"pledged\": false", "\"pledged\": \"no\"", "assets[0].pledged")]
    [InlineData("\"currency\": \"USD\"", "\"currency\": \"usd\"", "currency")]
    [InlineData("\"decimals\": 2", "\"decimals\": 37", "decimals")]
    [InlineData("\"signer_role\": \"accountant\"", "\"signer_role\": \"issuer\"", "signer_role")]
    [InlineData("\"total_available\": \"1000000.25\"", "\"total_available\": \"-1000000.25\"", "total_available")]
    [InlineData("\"as_of\": \"2026-12-06T00:00:00Z\"", "\"as_of\": \"2026-12-06 00:00\"", "as_of")]
    [InlineData("\"ripcord\": false", "\"ripcord\": false, \"extra\": 1", "extra")]
    public void Parse_NamesTheBadField(string honest, string bad, string field)
    {
        var text = Encoding.UTF8.GetString(ReserveStatementJson.Write(StatementFixtures.Unsigned()));
        Assert.Contains(honest, text, StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => ReserveStatementJson.Parse(Encoding.UTF8.GetBytes(text.Replace(honest, bad, StringComparison.Ordinal)), "s.json", requireSignature: false));
        Assert.Equal(field, e.Field);
        Assert.Equal("s.json", e.File);
    }

    [Fact]
    public void WriteThenParse_RoundTrips()
    {
        var signed = StatementFixtures.Unsigned().SignWith(_key);
        var bytes = ReserveStatementJson.Write(signed);
        var parsed = ReserveStatementJson.Parse(bytes, "s.json", requireSignature: true);
        Assert.Equal(bytes, ReserveStatementJson.Write(parsed));
        Assert.True(parsed.VerifySignature([_key.PublicKey], out var reason), reason);
    }

    private async Task<ReserveEvidence> ReadAsync(ReserveStatement statement, int tokenDecimals = 6, DateTimeOffset? at = null, IReadOnlyList<StatementPublicKey>? signers = null, bool presigned = false)
    {
        var path = Write(presigned ? statement : statement.SignWith(_key));
        return await Source(path, signers).ReadAsync(Context(tokenDecimals, at), TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    private string Write(ReserveStatement statement) => _dir.Write($"statement-{Guid.NewGuid():N}.json", ReserveStatementJson.Write(statement));

    private SignedStatementSource Source(string path, IReadOnlyList<StatementPublicKey>? signers = null) =>
        new(new SignedStatementConfig("usdx-bank", path, "Example Trust Co.", "USD", 86_400, signers ?? [_key.PublicKey]));

    private static SourceReadContext Context(int tokenDecimals = 6, DateTimeOffset? at = null) => new("usdx", tokenDecimals, at ?? s_now);
}
