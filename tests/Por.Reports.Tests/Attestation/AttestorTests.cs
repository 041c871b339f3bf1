// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json.Nodes;
using Por.Common;
using Por.Reports.Attestation;
using Por.Testing;

namespace Por.Reports.Tests.Attestation;

/// <summary>Honest attestations verify; each cheating variant is rejected by exactly the check named in the test.</summary>
public sealed class AttestorTests
{
    private static readonly DateTimeOffset s_signedAt = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);

    private static (ReportFixture Fixture, string Report) Setup()
    {
        var f = new ReportFixture();
        var report = f.Dir.Write("report.json", SolvencyReportJson.Serialize(f.Compute()));
        return (f, report);
    }

    [Theory]
    [InlineData(AttestationAlgorithm.Ed25519)]
    [InlineData(AttestationAlgorithm.Secp256k1)]
    public void Verify_Honest_Passes(AttestationAlgorithm algorithm)
    {
        var (f, report) = Setup();
        using var _ = f;
        var key = AuditorKey.Generate(algorithm, "Audit LLP");
        var attestation = Attestor.Sign(f.Manifest, report, key, s_signedAt);
        var reparsed = AttestationJson.Parse(AttestationJson.Serialize(attestation), "a.json");
        var check = Attestor.Verify(reparsed, f.Manifest, report, key.Public());
        Assert.True(check.IsValid, check.Message);
        Assert.Equal(AttestationFailure.None, check.Failure);
    }

    [Theory]
    [InlineData(AttestationAlgorithm.Ed25519)]
    [InlineData(AttestationAlgorithm.Secp256k1)]
    public void Verify_WrongTrustedKey_Rejected(AttestationAlgorithm algorithm)
    {
        var (f, report) = Setup();
        using var _ = f;
        var attestation = Attestor.Sign(f.Manifest, report, AuditorKey.Generate(algorithm, "Audit LLP"), s_signedAt);
        var other = AuditorKey.Generate(algorithm, "Audit LLP").Public();
        var check = Attestor.Verify(attestation, f.Manifest, report, other);
        Assert.Equal(AttestationFailure.KeyMismatch, check.Failure);
        Assert.Contains("not the trusted key", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AttackerSwapsInOwnKeyAndSignature_Rejected()
    {
        // A forger re-signs with their own key and embeds it: the verifier's trusted key decides, not the file's.
        var (f, report) = Setup();
        using var _ = f;
        var auditor = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        var forger = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        var forged = Attestor.Sign(f.Manifest, report, forger, s_signedAt);
        Assert.Equal(AttestationFailure.KeyMismatch, Attestor.Verify(forged, f.Manifest, report, auditor.Public()).Failure);
    }

    [Fact]
    public void Verify_AlteredManifest_Rejected()
    {
        var (f, report) = Setup();
        using var _ = f;
        var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        var attestation = Attestor.Sign(f.Manifest, report, key, s_signedAt);
        File.WriteAllText(f.Manifest, File.ReadAllText(f.Manifest).Replace("\n", "\n ", StringComparison.Ordinal));
        var check = Attestor.Verify(attestation, f.Manifest, report, key.Public());
        Assert.Equal(AttestationFailure.ManifestDigestMismatch, check.Failure);
        Assert.Contains("not the manifest", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AlteredReport_Rejected()
    {
        var (f, report) = Setup();
        using var _ = f;
        var key = AuditorKey.Generate(AttestationAlgorithm.Secp256k1, "Audit LLP");
        var attestation = Attestor.Sign(f.Manifest, report, key, s_signedAt);
        File.WriteAllText(report, File.ReadAllText(report).Replace("\"106.66\"", "\"116.66\"", StringComparison.Ordinal));
        var check = Attestor.Verify(attestation, f.Manifest, report, key.Public());
        Assert.Equal(AttestationFailure.ReportDigestMismatch, check.Failure);
        Assert.Contains("not the report", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AttestationAlgorithm.Ed25519)]
    [InlineData(AttestationAlgorithm.Secp256k1)]
    public void Verify_AlteredSignature_Rejected(AttestationAlgorithm algorithm)
    {
        var (f, report) = Setup();
        using var _ = f;
        var key = AuditorKey.Generate(algorithm, "Audit LLP");
        var attestation = Attestor.Sign(f.Manifest, report, key, s_signedAt);
        var signature = attestation.Signature.ToArray();
        signature[10] ^= 0x40;
        var check = Attestor.Verify(attestation with { Signature = signature }, f.Manifest, report, key.Public());
        Assert.Equal(AttestationFailure.SignatureInvalid, check.Failure);
        Assert.Contains("signature does not verify", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedTimeChanged_SignatureNoLongerCovers()
    {
        var (f, report) = Setup();
        using var _ = f;
        var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        var attestation = Attestor.Sign(f.Manifest, report, key, s_signedAt);
        Assert.Equal(AttestationFailure.SignatureInvalid, Attestor.Verify(attestation with { SignedAt = s_signedAt.AddDays(-40) }, f.Manifest, report, key.Public()).Failure);
    }

    [Fact]
    public void Verify_ReportOfAnotherRoundWithMatchingHash_Rejected()
    {
        // The auditor signed a manifest with a report about another round: the pair check refuses it.
        var (f, report) = Setup();
        using var _ = f;
        using var other = new ReportFixture("2026-10");
        var otherReport = other.Dir.Write("report.json", SolvencyReportJson.Serialize(other.Compute()));
        var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        Assert.Throws<InvalidDataException>(() => Attestor.Sign(f.Manifest, otherReport, key, s_signedAt));
        var honest = Attestor.Sign(other.Manifest, otherReport, key, s_signedAt);
        var forged = honest with { ManifestSha256 = System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f.Manifest)) };
        var check = Attestor.Verify(forged, f.Manifest, otherReport, key.Public());
        Assert.Equal(AttestationFailure.ReportRoundMismatch, check.Failure);
        Assert.Contains("not the manifest's round", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AuditorNameDiffersFromTrustedKey_Rejected()
    {
        var (f, report) = Setup();
        using var _ = f;
        var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        var attestation = Attestor.Sign(f.Manifest, report, key with { Name = "Big Four" }, s_signedAt);
        var check = Attestor.Verify(attestation, f.Manifest, report, key.Public());
        Assert.Equal(AttestationFailure.AuditorMismatch, check.Failure);
        Assert.Contains("names auditor", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AttestedRoundIdDiffers_RoundMismatchBeforeSignature()
    {
        var (f, report) = Setup();
        using var _ = f;
        var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit LLP");
        var attestation = Attestor.Sign(f.Manifest, report, key, s_signedAt);
        var check = Attestor.Verify(attestation with { RoundId = "2026-10" }, f.Manifest, report, key.Public());
        Assert.Equal(AttestationFailure.RoundMismatch, check.Failure);
        Assert.Contains("attests round '2026-10'", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DigestFieldEdited_Rejected()
    {
        var (f, report) = Setup();
        using var _ = f;
        var json = JsonNode.Parse(AttestationJson.Serialize(Attestor.Sign(f.Manifest, report, AuditorKey.Generate(AttestationAlgorithm.Ed25519, "A"), s_signedAt)))!.AsObject();
        json["round_id"] = "2026-12";
        Assert.Equal("digest", Assert.Throws<InputException>(() => AttestationJson.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "a.json")).Field);
    }

    [Fact]
    public void KeyFiles_RoundTrip_AndMismatchedPublicKeyRejected()
    {
        using var dir = new TempDirectory();
        var key = AuditorKey.Generate(AttestationAlgorithm.Secp256k1, "Audit LLP");
        var secret = dir.Write("k.json", key.ToJson());
        var pub = dir.Write("p.json", key.Public().ToJson());
        Assert.Equal(key.PublicKey, AuditorKey.Read(secret, requireSecret: true).PublicKey);
        Assert.Null(AuditorKey.Read(pub, requireSecret: false).SecretKey);
        Assert.Throws<InputException>(() => AuditorKey.Read(secret, requireSecret: false));
        var other = AuditorKey.Generate(AttestationAlgorithm.Secp256k1, "Audit LLP");
        var mixed = dir.Write("m.json", (key with { PublicKey = other.PublicKey }).ToJson());
        Assert.Equal("public_key", Assert.Throws<InputException>(() => AuditorKey.Read(mixed, requireSecret: true)).Field);
    }
}
