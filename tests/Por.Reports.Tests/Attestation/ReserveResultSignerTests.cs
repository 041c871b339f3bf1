// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Por.Common;
using Por.Crypto.Native;
using Por.Reports.Attestation;

namespace Por.Reports.Tests.Attestation;

public sealed class ReserveResultSignerTests : IDisposable
{
    private readonly ReportFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Pipeline_SignedHonestResult_Read()
    {
        var reserves = ReportPipeline.ReadSignedReserves(Request());
        Assert.Equal((UInt128)160_000_000, reserves.Find("BTC")!.Verified);
    }

    [Fact]
    public void Pipeline_ConsistentTimesThousandEdit_RejectedAsEdited()
    {
        // One verified row's claim, its on-chain balance and the asset total all ×1000: every internal consistency check
        // of the result still holds, so only the signature catches it.
        var json = JsonNode.Parse(File.ReadAllBytes(_f.Reserves))!.AsObject();
        var row = json["rows"]!.AsArray().First(r => r!["asset"]!.GetValue<string>() == "BTC" && r["status"]!.GetValue<string>() == "verified")!;
        row["claimed_amount"] = Times1000(row["claimed_amount"]!);
        row["on_chain_balance"] = Times1000(row["on_chain_balance"]!);
        var total = json["verified_reserves"]!.AsArray().First(t => t!["asset"]!.GetValue<string>() == "BTC")!;
        var edited = (UInt128.Parse(total["amount"]!.GetValue<string>(), CultureInfo.InvariantCulture) - UInt128.Parse(row["claimed_amount"]!.GetValue<string>(), CultureInfo.InvariantCulture) / 1000) + UInt128.Parse(row["claimed_amount"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        total["amount"] = edited.ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        Assert.True(ReserveResultReader.Parse(bytes, "edited.json").Find("BTC")!.Verified > 1_000_000_000, "the edit must be internally consistent");
        File.WriteAllBytes(_f.Reserves, bytes);

        var e = Assert.Throws<InvalidDataException>(() => ReportPipeline.ReadSignedReserves(Request()));
        Assert.Contains("edited after verification", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SignedByAnotherKey_KeyMismatch()
    {
        var attacker = AuditorKey.Generate(AttestationAlgorithm.Ed25519, _f.VerifierKey.Name);
        var bytes = File.ReadAllBytes(_f.Reserves);
        var forged = ReserveResultSigner.Sign(bytes, attacker, DateTimeOffset.UnixEpoch);
        Assert.Equal(AttestationFailure.KeyMismatch, ReserveResultSigner.Verify(forged, bytes, "r.json", _f.VerifierKey.Public()).Failure);
    }

    [Fact]
    public void Verify_NameNotTheTrustedKeys_AuditorMismatch()
    {
        var renamed = _f.VerifierKey with { Name = "Someone Else" };
        var bytes = File.ReadAllBytes(_f.Reserves);
        var signature = ReserveResultSigner.Sign(bytes, renamed, DateTimeOffset.UnixEpoch);
        Assert.Equal(AttestationFailure.AuditorMismatch, ReserveResultSigner.Verify(signature, bytes, "r.json", _f.VerifierKey.Public()).Failure);
    }

    [Fact]
    public void Verify_SignatureBitFlipped_SignatureInvalid()
    {
        var bytes = File.ReadAllBytes(_f.Reserves);
        var signature = ReserveResultSignatureJson.Parse(File.ReadAllBytes(_f.ReservesSignature), "sig");
        var flipped = signature.Signature.ToArray();
        flipped[5] ^= 1;
        Assert.Equal(AttestationFailure.SignatureInvalid, ReserveResultSigner.Verify(signature with { Signature = flipped }, bytes, "r.json", _f.VerifierKey.Public()).Failure);
        Assert.Equal(AttestationFailure.SignatureInvalid, ReserveResultSigner.Verify(signature with { SignedAt = signature.SignedAt.AddSeconds(1) }, bytes, "r.json", _f.VerifierKey.Public()).Failure);
    }

    [Fact]
    public void Verify_SignedFieldsNameAnotherRound_ResultMismatch()
    {
        // A signer that signs fields that do not describe the file (a buggy or cheating tool): the file's own round wins.
        var bytes = File.ReadAllBytes(_f.Reserves);
        var honest = ReserveResultSigner.Sign(bytes, _f.VerifierKey, DateTimeOffset.UnixEpoch);
        var other = honest with { Round = "2020-01", Signature = new byte[64] };
        other = other with { Signature = Ed25519.Sign(_f.VerifierKey.SecretKey!, other.Digest).Signature };
        Assert.Equal(AttestationFailure.ResultMismatch, ReserveResultSigner.Verify(other, bytes, "r.json", _f.VerifierKey.Public()).Failure);
        Assert.Equal(AttestationFailure.None, ReserveResultSigner.Verify(honest, bytes, "r.json", _f.VerifierKey.Public()).Failure);
    }

    [Fact]
    public void Parse_DigestFieldDisagrees_InputError()
    {
        var json = JsonNode.Parse(File.ReadAllBytes(_f.ReservesSignature))!.AsObject();
        json["digest"] = Convert.ToHexStringLower(SHA256.HashData("x"u8));
        Assert.Equal("digest", Assert.Throws<InputException>(() => ReserveResultSignatureJson.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "sig")).Field);
    }

    [Fact]
    public void Parse_RepeatedOrUnknownProperty_InputError()
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(_f.ReservesSignature));
        var repeated = text.Replace("\"verifier\":", "\"verifier\": \"x\", \"verifier\":", StringComparison.Ordinal);
        Assert.Equal("verifier", Assert.Throws<InputException>(() => ReserveResultSignatureJson.Parse(Encoding.UTF8.GetBytes(repeated), "sig")).Field);
        var unknown = text.Replace("\"verifier\":", "\"note\": \"x\", \"verifier\":", StringComparison.Ordinal);
        Assert.Equal("note", Assert.Throws<InputException>(() => ReserveResultSignatureJson.Parse(Encoding.UTF8.GetBytes(unknown), "sig")).Field);
    }

    private static string Times1000(JsonNode amount) => (UInt128.Parse(amount.GetValue<string>(), CultureInfo.InvariantCulture) * 1000).ToString(CultureInfo.InvariantCulture);

    private ReportRequest Request() => new()
    {
        RoundDirectory = _f.Bundle,
        ReservesResultPath = _f.Reserves,
        ReservesSignaturePath = _f.ReservesSignature,
        ReservesVerifierKeyPath = _f.ReservesKey,
        PricesPath = _f.Prices,
        OutputDirectory = Path.Combine(_f.Dir.Path, "out"),
    };
}
