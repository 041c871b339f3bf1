// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text;
using Por.Common;
using Por.Reports.Attestation;
using Por.Reports.Tokens;
using Por.Testing;
using static Por.Reports.Tests.Tokens.TokenReportSamples;

namespace Por.Reports.Tests.Tokens;

/// <summary>por-token-attestation/1: honest signatures with both algorithms verify; every tampering is caught by its member.</summary>
public sealed class TokenAttestationTests
{
    private static readonly DateTimeOffset s_signedAt = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(AttestationAlgorithm.Ed25519)]
    [InlineData(AttestationAlgorithm.Secp256k1)]
    public void HonestAttestation_Verifies_AfterAWriteAndReadRoundTrip(AttestationAlgorithm algorithm)
    {
        using var temp = new TempDirectory();
        var report = WriteReport(temp, Circulating);
        var key = AuditorKey.Generate(algorithm, "Audit LLP");
        var attestation = TokenAttestor.Sign(report, key, s_signedAt);
        var bytes = TokenAttestor.Serialize(attestation);
        Assert.True(TokenAttestor.IsTokenAttestation(bytes, "a.json"));
        var parsed = TokenAttestor.Parse(bytes, "a.json");
        Assert.Equal("wbtc-like", parsed.TokenId);
        Assert.Equal(At, parsed.MeasuredAt);
        var check = TokenAttestor.Verify(parsed, report, key.Public());
        Assert.True(check.IsValid, check.Message);
        Assert.StartsWith("por-token-attestation/1\nauditor: Audit LLP\n", parsed.SignedText, StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedReport_OrAnotherReport_Fails()
    {
        using var temp = new TempDirectory();
        var report = WriteReport(temp, Circulating);
        var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        var attestation = TokenAttestor.Sign(report, key, s_signedAt);

        // One digit of the reserves changed in the signed file.
        var text = File.ReadAllText(report);
        File.WriteAllText(report, text.Replace("\"total_reserves\": \"999.52345678\"", "\"total_reserves\": \"999.52345679\"", StringComparison.Ordinal));
        Assert.NotEqual(text, File.ReadAllText(report));
        Assert.Equal(AttestationFailure.ReportDigestMismatch, TokenAttestor.Verify(attestation, report, key.Public()).Failure);

        // An honest report of another measurement, signed; its attestation's subject edited to pass the digest check is
        // caught by the signature, and the subject check catches an attestation moved to another report.
        var other = WriteReport(temp, Circulating, At.AddHours(1), "other.json");
        var moved = attestation with { ReportSha256 = System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(other)) };
        Assert.Equal(AttestationFailure.TokenMismatch, TokenAttestor.Verify(moved, other, key.Public()).Failure);
        var relabelled = moved with { MeasuredAt = At.AddHours(1) };
        Assert.Equal(AttestationFailure.SignatureInvalid, TokenAttestor.Verify(relabelled, other, key.Public()).Failure);
    }

    [Fact]
    public void TamperedSignature_WrongKey_OrAnotherAuditorName_Fails()
    {
        using var temp = new TempDirectory();
        var report = WriteReport(temp, Circulating);
        var key = AuditorKey.Generate(AttestationAlgorithm.Secp256k1, "Audit LLP");
        var attestation = TokenAttestor.Sign(report, key, s_signedAt);
        var flipped = (byte[])attestation.Signature.Clone();
        flipped[5] ^= 1;
        Assert.Equal(AttestationFailure.SignatureInvalid, TokenAttestor.Verify(attestation with { Signature = flipped }, report, key.Public()).Failure);
        Assert.Equal(AttestationFailure.SignatureInvalid, TokenAttestor.Verify(attestation with { SignedAt = s_signedAt.AddSeconds(1) }, report, key.Public()).Failure);
        var forger = AuditorKey.Generate(AttestationAlgorithm.Secp256k1, "Audit LLP");
        Assert.Equal(AttestationFailure.KeyMismatch, TokenAttestor.Verify(TokenAttestor.Sign(report, forger, s_signedAt), report, key.Public()).Failure);
        Assert.Equal(AttestationFailure.KeyMismatch, TokenAttestor.Verify(attestation, report, AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP").Public()).Failure);
        Assert.Equal(AttestationFailure.AuditorMismatch, TokenAttestor.Verify(attestation with { Auditor = "Other LLP" }, report, key.Public()).Failure);
    }

    [Fact]
    public void Parse_RefusesAnEditedDigestField_AndUnknownFields()
    {
        using var temp = new TempDirectory();
        var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        var json = Encoding.UTF8.GetString(TokenAttestor.Serialize(TokenAttestor.Sign(WriteReport(temp, Circulating), key, s_signedAt)));
        var signedAt = "\"signed_at\": \"2026-12-02T09:00:00Z\"";
        Assert.Contains(signedAt, json, StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => TokenAttestor.Parse(Encoding.UTF8.GetBytes(json.Replace(signedAt, "\"signed_at\": \"2026-12-02T09:00:01Z\"", StringComparison.Ordinal)), "a.json"));
        Assert.Equal("digest", e.Field);
        Assert.Throws<InputException>(() => TokenAttestor.Parse(Encoding.UTF8.GetBytes(json.Replace("\"format\"", "\"extra\": 1, \"format\"", StringComparison.Ordinal)), "a.json"));
    }

    [Fact]
    public void Sign_RefusesAFileThatIsNotATokenReport()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("report.json", "{\"format\": \"por-report/3\"}");
        var e = Assert.Throws<InputException>(() => TokenAttestor.Sign(path, AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP"), s_signedAt));
        Assert.Equal("format", e.Field);
    }

    private static string WriteReport(TempDirectory temp, BigInteger reserves, DateTimeOffset? at = null, string name = "report.json")
    {
        BigInteger btc = 80_000_000_000;
        var path = temp.File(name);
        File.WriteAllBytes(path, TokenReportJson.Serialize(TokenReport.Build(Input(Evaluation(btc, reserves - btc, at: at)))));
        return path;
    }
}
