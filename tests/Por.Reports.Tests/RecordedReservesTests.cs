// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json.Nodes;
using Por.Common;
using Por.Reports.Attestation;
using Por.Reserves;
using Por.Testing;

namespace Por.Reports.Tests;

/// <summary>
/// testdata/recorded/2026-12-06-reserves was written before the snake_case rename: a signed por-reserves-result/2
/// (camelCase), and a report and attestation over a legacy por.round/1 manifest. They must keep verifying: the result
/// signature covers the file's bytes, which never change; the attestation covers the manifest's bytes.
/// </summary>
public sealed class RecordedReservesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Recorded(string relative) => TestData.PathOf(Path.Combine("recorded", "2026-12-06-reserves", relative));

    private static AuditorKey Key => AuditorKey.Read(Recorded("auditor.pub.json"), requireSecret: false);

    [Fact]
    public void RecordedResultV2_SignatureVerifies_AndReads()
    {
        var bytes = File.ReadAllBytes(Recorded("reserves-result.json"));
        Assert.Contains("\"format\": \"por-reserves-result/2\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var signature = ReserveResultSignatureJson.Parse(File.ReadAllBytes(Recorded("reserves-result.json.sig")), "sig");
        Assert.Equal(AttestationFailure.None, ReserveResultSigner.Verify(signature, bytes, "reserves-result.json", Key).Failure);

        var reserves = ReserveResultReader.Parse(bytes, "reserves-result.json");
        Assert.Equal("demo-2026-12-06", reserves.Round);
        Assert.Equal(1, reserves.Find("USDC")!.RoundTripRows);
        Assert.Equal(0, reserves.Find("SOL")!.VerifiedRows);
        Assert.Equal(1, reserves.Find("SOL")!.FailedRows);
        Assert.Equal(6, reserves.Assets.Sum(a => a.VerifiedRows));
    }

    [Fact]
    public void RecordedResultV2_AndItsV3Rewrite_ReadTheSame()
    {
        var legacy = ReserveResultReader.Parse(File.ReadAllBytes(Recorded("reserves-result.json")), "r.json");
        var current = ReserveResultReader.Parse(Encoding.UTF8.GetBytes(ToV3(File.ReadAllText(Recorded("reserves-result.json")))), "r.json");
        Assert.Equal(legacy.Assets, current.Assets);
    }

    [Fact]
    public void RecordedResultV2_OneByteChanged_SignatureFails()
    {
        var bytes = File.ReadAllBytes(Recorded("reserves-result.json"));
        var text = Encoding.UTF8.GetString(bytes);
        var edited = Encoding.UTF8.GetBytes(text.Replace("\"allVerified\": false", "\"allVerified\": true ", StringComparison.Ordinal));
        Assert.NotEqual(bytes, edited);
        var signature = ReserveResultSignatureJson.Parse(File.ReadAllBytes(Recorded("reserves-result.json.sig")), "sig");
        Assert.Equal(AttestationFailure.ResultDigestMismatch, ReserveResultSigner.Verify(signature, edited, "r.json", Key).Failure);
    }

    [Theory]
    [InlineData("por-reserves-result/3", "\"allVerified\"", "registrySha256")] // camelCase in a /3 file: the first is an unknown field
    [InlineData("por-reserves-result/2", "\"all_verified\"", "all_verified")] // snake_case in a /2 file: refused
    [InlineData("por-reserves-result/4", null, "format")]
    [InlineData("por-reserves-result/1", null, "format")]
    public void ResultReader_MixedOrUnknownVersion_Refused(string format, string? rename, string field)
    {
        var text = File.ReadAllText(Recorded("reserves-result.json")).Replace("por-reserves-result/2", format, StringComparison.Ordinal);
        if (rename is not null)
        {
            text = text.Replace("\"allVerified\"", rename, StringComparison.Ordinal);
        }

        var ex = Assert.Throws<InputException>(() => ReserveResultReader.Parse(Encoding.UTF8.GetBytes(text), "r.json"));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void ResultReaderV2_ErrorNamesTheFieldAsTheFileSpellsIt()
    {
        var json = JsonNode.Parse(File.ReadAllText(Recorded("reserves-result.json")))!;
        json["rows"]![0]!["claimedAmount"] = "x1";
        var ex = Assert.Throws<InputException>(() => ReserveResultReader.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "r.json"));
        Assert.Equal("rows[0].claimedAmount", ex.Field);
    }

    [Fact]
    public void RecordedRound_ReportFromTheSignedV2Result()
    {
        var outcome = ReportPipeline.Run(new ReportRequest
        {
            RoundDirectory = Recorded("round"),
            ReservesResultPath = Recorded("reserves-result.json"),
            ReservesSignaturePath = Recorded("reserves-result.json.sig"),
            ReservesVerifierKeyPath = Recorded("auditor.pub.json"),
            PricesPath = Recorded("prices.csv"),
            OutputDirectory = _dir.File("report"),
        });
        Assert.Equal(["ETH", "SOL"], outcome.Report.Flagged.Select(a => a.Symbol));
    }

    [Fact]
    public void RecordedAttestation_OverLegacyManifest_StillVerifies()
    {
        Assert.Contains("\"format\": \"por.round/1\"", File.ReadAllText(Recorded("round/manifest.json")), StringComparison.Ordinal);
        var attestation = AttestationJson.Parse(File.ReadAllBytes(Recorded("report/attestation.json")), "attestation.json");
        var check = Attestor.Verify(attestation, Recorded("round/manifest.json"), Recorded("report/report.json"), Key);
        Assert.True(check.IsValid, check.Message);

        // A manifest rewritten with the new id is other bytes: the old attestation does not cover it.
        var rewritten = _dir.Write("manifest.json", File.ReadAllText(Recorded("round/manifest.json")).Replace("por.round/1", "por-round/1", StringComparison.Ordinal));
        Assert.False(Attestor.Verify(attestation, rewritten, Recorded("report/report.json"), Key).IsValid);
    }

    // The same result in por-reserves-result/3: every property name in snake_case.
    private static string ToV3(string legacy)
    {
        var node = JsonNode.Parse(legacy)!;
        node["format"] = ReserveResultJson.FormatVersion;
        return Rename(node)!.ToJsonString();

        static JsonNode? Rename(JsonNode? n) => n switch
        {
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(
                string.Concat(p.Key.Select((c, i) => char.IsAsciiLetterUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : c.ToString())),
                Rename(p.Value?.DeepClone())))),
            JsonArray a => new JsonArray([.. a.Select(x => Rename(x?.DeepClone()))]),
            _ => n?.DeepClone(),
        };
    }
}
