// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Cli.Infrastructure;
using Por.Liabilities.Audit;
using Por.Liabilities.Rounds;
using Por.Reserves;
using Por.Reserves.Ownership;
using Por.Testing;

namespace Por.Cli.Tests.Schemas;

/// <summary>
/// docs/schemas against what por really writes: every JSON file of real runs (both modes) and every recorded file of
/// earlier formats validates against the schema of its format id, and each schema refuses every mutation that por's
/// strict readers refuse (so no schema is vacuous).
/// </summary>
public sealed class SchemaTests(SchemaRunFixture run) : IClassFixture<SchemaRunFixture>
{
    /// <summary>The format ids por writes today (each must be written by the real runs).</summary>
    public static readonly string[] Written =
    [
        "por-round/1", "por-round/2", "por-inclusion/1", "por-inclusion/2", "por-inclusion-index/1", "por-reserves/2",
        "por-reserves-registry/2", "por-nodes/3", "por-reserves-result/3", "por-reserves-challenge/2", "por-reserves-signature/1",
        "por-report/3", "por-attestation/1", "por-attestation/2", "por-auditor-public-key/1", "por-auditor-key/1", "por-demo-chain/2",
        "por-audit-sample/1", "por-audit-result/1", "por-round-plan/1",
        "por-token-registry/1", "por-token-check/1", "por-worker-key/1", "por-token-report/1", "por-token-attestation/1",
        "por-reserve-statement/1", "por-statement-public-key/1", "por-statement-key/1",
        "por-token-alert/1", "por-mint-check/1",
    ];

    /// <summary>Earlier format ids por still reads (each must be in testdata/recorded).</summary>
    public static readonly string[] Legacy =
    [
        "por.round/1", "por.round/2", "por.inclusion/1", "por.inclusion/2", "por-reserves/1", "por-reserves-registry/1",
        "por-nodes/2", "por-reserves-result/2",
    ];

    public static TheoryData<string> WrittenFormats => [.. Written];

    public static TheoryData<string> LegacyFormats => [.. Legacy];

    [Fact]
    public void EveryJsonFileOfRealRuns_ValidatesAgainstItsSchema()
    {
        var failures = new List<string>();
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in run.Files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var format = SchemaCatalog.FormatOf(document.RootElement);
            if (format is null)
            {
                failures.Add($"{Path.GetRelativePath(run.Root, file)}: no format id");
                continue;
            }

            seen.Add(format);
            if (SchemaCatalog.Errors(format, document.RootElement) is { Length: > 0 } errors)
            {
                failures.Add($"{Path.GetRelativePath(run.Root, file)} ({format}): {errors}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Written.Order(StringComparer.Ordinal), seen);
        Assert.True(run.Files.Count > 600, $"{run.Files.Count} files: the bulk exports should hold every customer's file");
    }

    [Fact]
    public void EveryRecordedFile_ValidatesAgainstTheSchemaOfItsFormat()
    {
        var failures = new List<string>();
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in RecordedJsonFiles())
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var format = SchemaCatalog.FormatOf(document.RootElement)!;
            seen.Add(format);
            if (SchemaCatalog.Errors(format, document.RootElement) is { Length: > 0 } errors)
            {
                failures.Add($"{file} ({format}): {errors}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Superset(new SortedSet<string>(Legacy, StringComparer.Ordinal), seen);
    }

    [Theory]
    [MemberData(nameof(WrittenFormats))]
    public void SchemaOfAWrittenFormat_RefusesEveryMutation(string format) =>
        AssertRefusesEveryMutation(format, run.SampleByFormat()[format]);

    [Theory]
    [MemberData(nameof(LegacyFormats))]
    public void SchemaOfALegacyFormat_RefusesEveryMutation(string format)
    {
        var sample = RecordedJsonFiles().First(f => SchemaCatalog.FormatOf(JsonDocument.Parse(File.ReadAllBytes(f)).RootElement) == format);
        AssertRefusesEveryMutation(format, sample);
    }

    [Fact]
    public void ResultSchema_NamesExactlyTheFailureCodesOfTheVerifier()
    {
        foreach (var format in new[] { "por-reserves-result/3", "por-reserves-result/2" })
        {
            var row = SchemaJson(format)["properties"]!["rows"]!["items"]!["properties"]!;
            Assert.Equal(
                Codes<RowFailure>(),
                Schema(row["failure"]!));
            Assert.Equal(
                Codes<OwnershipFailure>(),
                Schema(row[format.EndsWith('3') ? "ownership_failure" : "ownershipFailure"]!));
        }

        // "none" is the value of a passed check, written as null.
        static IEnumerable<string> Codes<T>()
            where T : struct, Enum =>
            Enum.GetValues<T>().Select(f => ReserveResultJson.FailureCode(f)).Where(c => c != "none").Order(StringComparer.Ordinal);

        static IEnumerable<string> Schema(JsonNode nullableEnum) =>
            nullableEnum["anyOf"]![0]!["enum"]!.AsArray().Select(c => (string)c!).Order(StringComparer.Ordinal);
    }

    [Fact]
    public void AuditResultSchema_NamesExactlyTheFailureCodesOfTheVerifier()
    {
        var schema = SchemaJson("por-audit-result/1")["properties"]!;
        Assert.Equal(
            Enum.GetValues<AuditFailure>().Where(f => f != AuditFailure.None).Select(f => FailureCodes.Of(f)).Order(StringComparer.Ordinal),
            schema["failure_code"]!["anyOf"]![0]!["enum"]!.AsArray().Select(c => (string)c!).Order(StringComparer.Ordinal));

        // A missing account is not_exported; an invalid one any other AuditAccountFailure or the inclusion check's failure.
        var account = schema["accounts"]!["items"]!;
        var invalid = Enum.GetValues<AuditAccountFailure>().Where(f => f != AuditAccountFailure.NotExported).Select(f => FailureCodes.Of(f))
            .Concat(Enum.GetValues<InclusionFailure>().Where(f => f != InclusionFailure.None).Select(f => FailureCodes.Of(f)));
        Assert.Equal(
            invalid.Prepend(FailureCodes.Of(AuditAccountFailure.NotExported)).Order(StringComparer.Ordinal),
            account["properties"]!["failure_code"]!["anyOf"]![0]!["enum"]!.AsArray().Select(c => (string)c!).Order(StringComparer.Ordinal));
        Assert.Equal(
            invalid.Order(StringComparer.Ordinal),
            account["allOf"]![2]!["then"]!["properties"]!["failure_code"]!["enum"]!.AsArray().Select(c => (string)c!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AuditResultSchema_RefusesEveryMutationOfAFailedResult()
    {
        var failed = run.Files.Single(f => Path.GetFileName(f) == "result-zk.json");
        Assert.Equal("fail", (string)JsonNode.Parse(File.ReadAllBytes(failed))!["verdict"]!);
        AssertRefusesEveryMutation("por-audit-result/1", failed);
    }

    [Fact]
    public void AuditSchemas_RefuseInconsistentVerdicts_CodesAndDuplicates()
    {
        var passed = JsonNode.Parse(File.ReadAllBytes(run.Files.Single(f => Path.GetFileName(f) == "result-transparent.json")))!;
        var failed = JsonNode.Parse(File.ReadAllBytes(run.Files.Single(f => Path.GetFileName(f) == "result-zk.json")))!;
        var sample = JsonNode.Parse(File.ReadAllBytes(run.Files.Single(f => Path.GetFileName(f) == "sample-transparent.json")))!;
        Assert.True(Valid("por-audit-result/1", passed) && Valid("por-audit-result/1", failed) && Valid("por-audit-sample/1", sample));
        var missing = failed["accounts"]!.AsArray().First(a => (string)a!["status"]! == "missing")!;
        var index = failed["accounts"]!.AsArray().IndexOf(missing);

        // Each edit is valid JSON of the right types; only the schema's conditions refuse it.
        Assert.False(Valid("por-audit-result/1", Edit(passed, d => d["failure_code"] = "account_missing")));
        Assert.False(Valid("por-audit-result/1", Edit(passed, d => d["missing"] = 1)));
        Assert.False(Valid("por-audit-result/1", Edit(passed, d => d["invalid"] = 1)));
        Assert.False(Valid("por-audit-result/1", Edit(passed, d => d["target_met"] = null)));
        Assert.False(Valid("por-audit-result/1", Edit(passed, d => d["omitted_fraction_bound"] = "1.000001")));
        Assert.False(Valid("por-audit-result/1", Edit(passed, d => d["accounts"]![0]!["failure_code"] = "malformed")));
        Assert.False(Valid("por-audit-result/1", Edit(failed, d => d["failure_code"] = null)));
        Assert.False(Valid("por-audit-result/1", Edit(failed, d => d["target_met"] = false)));
        Assert.False(Valid("por-audit-result/1", Edit(failed, d => d["accounts"]![index]!["failure_code"] = "malformed")));
        Assert.False(Valid("por-audit-result/1", Edit(failed, d => d["accounts"]![index]!["failure_code"] = null)));
        Assert.False(Valid("por-audit-result/1", Edit(failed, d => d["accounts"]![index]!["status"] = "invalid")));
        Assert.True(Valid("por-audit-result/1", Edit(failed, d =>
        {
            d["accounts"]![index]!["status"] = "invalid";
            d["accounts"]![index]!["failure_code"] = "root_mismatch";
        })));
        Assert.False(Valid("por-audit-sample/1", Edit(sample, d => d["accounts"]!.AsArray().Add((string)d["accounts"]![0]!))));
        Assert.False(Valid("por-audit-sample/1", Edit(sample, d => d["confidence"] = "0.000")));
        Assert.False(Valid("por-audit-sample/1", Edit(sample, d => d["confidence"] = "0.9500001")));
        Assert.False(Valid("por-audit-sample/1", Edit(sample, d => d["seed"]!["chain"] = "Bitcoin")));
        Assert.False(Valid("por-audit-sample/1", Edit(sample, d => d["round"]!["mode"] = "opaque")));
        Assert.False(Valid("por-audit-sample/1", Edit(sample, d => d["algorithm"] = "sha256-mod/1")));

        static JsonNode Edit(JsonNode document, Action<JsonNode> edit)
        {
            var copy = document.DeepClone();
            edit(copy);
            return copy;
        }

        static bool Valid(string format, JsonNode document)
        {
            using var parsed = JsonDocument.Parse(document.ToJsonString());
            return SchemaCatalog.IsValid(format, parsed.RootElement);
        }
    }

    [Fact]
    public void EverySchema_PinsTheFormatIdOfItsFileName()
    {
        foreach (var path in Directory.EnumerateFiles(SchemaCatalog.Directory, "*.schema.json"))
        {
            var schema = JsonNode.Parse(File.ReadAllText(path))!;
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string)schema["$schema"]!);
            Assert.False((bool)schema["additionalProperties"]!);
            var format = (string)schema["properties"]!["format"]!["const"]!;
            Assert.Equal(Path.GetFileName(path), SchemaCatalog.FileName(format));
            Assert.Contains("format", schema["required"]!.AsArray().Select(r => (string)r!));
        }
    }

    private static JsonNode SchemaJson(string format) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaCatalog.Directory, SchemaCatalog.FileName(format))))!;

    private static void AssertRefusesEveryMutation(string format, string sample)
    {
        var document = JsonNode.Parse(File.ReadAllBytes(sample))!;
        using (var original = JsonDocument.Parse(document.ToJsonString()))
        {
            Assert.Equal("", SchemaCatalog.Errors(format, original.RootElement));
        }

        var mutations = SchemaMutations.All(document).ToList();
        var survivors = new List<string>();
        foreach (var mutation in mutations)
        {
            using var changed = JsonDocument.Parse(mutation.Document.ToJsonString());
            if (SchemaCatalog.IsValid(format, changed.RootElement))
            {
                survivors.Add($"{mutation.Kind} at {mutation.Where}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{format}: {mutations.Count} mutations of {Path.GetFileName(sample)} refused ({string.Join(", ", mutations.GroupBy(m => m.Kind).Select(g => $"{g.Key} {g.Count()}"))})");
        Assert.True(survivors.Count == 0, $"{format} ({sample}) accepts {survivors.Count} of {mutations.Count} mutations:\n" + string.Join("\n", survivors.Take(40)));
        foreach (var kind in new[] { SchemaMutations.Removed, SchemaMutations.Extra, SchemaMutations.WrongType, SchemaMutations.Format, SchemaMutations.Pattern })
        {
            Assert.True(mutations.Any(m => m.Kind == kind), $"{format}: no '{kind}' mutation was tried on {sample}");
        }
    }

    private static List<string> RecordedJsonFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(TestData.Root, "recorded"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".json.sig", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];
}
