// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Common;

namespace Por.Liabilities.Audit;

/// <summary>Reads and writes "por-audit-result/1" files (docs/formats.md §11.4).</summary>
public static class AuditResultJson
{
    private static readonly string[] s_fields =
    [
        "format", "algorithm", "round", "seed", "list", "sample_sha256", "confidence", "max_omitted_fraction", "sample_size",
        "included", "missing", "invalid", "omitted_fraction_bound", "omitted_accounts_bound", "target_met", "verdict",
        "failure_code", "failure", "accounts",
    ];

    private static readonly string[] s_account = ["account_id", "status", "failure_code", "reason"];

    /// <summary>Serialises a result.</summary>
    /// <param name="result">The result.</param>
    /// <returns>UTF-8 JSON with a final LF.</returns>
    public static byte[] Serialize(AuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", AuditResult.FormatVersion);
            AuditJson.WriteCommon(w, result.Round, result.Seed, result.ListSha256, result.ListCount);
            w.WriteString("sample_sha256", Convert.ToHexStringLower(result.SampleSha256));
            w.WriteString("confidence", result.Confidence);
            if (result.MaxOmittedFraction is null)
            {
                w.WriteNull("max_omitted_fraction");
            }
            else
            {
                w.WriteString("max_omitted_fraction", result.MaxOmittedFraction);
            }

            w.WriteNumber("sample_size", result.SampleSize);
            w.WriteNumber("included", result.Included);
            w.WriteNumber("missing", result.Missing);
            w.WriteNumber("invalid", result.Invalid);
            w.WriteString("omitted_fraction_bound", result.OmittedFractionBound);
            w.WriteNumber("omitted_accounts_bound", result.OmittedAccountsBound);
            if (result.TargetMet is { } met)
            {
                w.WriteBoolean("target_met", met);
            }
            else
            {
                w.WriteNull("target_met");
            }

            w.WriteString("verdict", result.Passed ? "pass" : "fail");
            if (result.Passed)
            {
                w.WriteNull("failure_code");
            }
            else
            {
                w.WriteString("failure_code", AuditJson.Snake(result.Failure));
            }

            w.WriteString("failure", result.Message);
            w.WriteStartArray("accounts");
            foreach (var a in result.Accounts)
            {
                w.WriteStartObject();
                w.WriteString("account_id", a.AccountId);
                w.WriteString("status", AuditJson.Snake(a.Status));
                if (a.FailureCode is null)
                {
                    w.WriteNull("failure_code");
                }
                else
                {
                    w.WriteString("failure_code", a.FailureCode);
                }

                w.WriteString("reason", a.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return AuditJson.Finish(stream);
    }

    /// <summary>
    /// Parses a result strictly. The counts, the bounds, the target flag and the verdict are recomputed from the
    /// per-account findings and must equal the stated ones, so an edited summary is rejected.
    /// </summary>
    /// <param name="bytes">The file.</param>
    /// <param name="file">Its name, for errors.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InputException">A malformed or inconsistent file, naming the field.</exception>
    public static AuditResult Parse(byte[] bytes, string file)
    {
        using var document = StrictJson.Parse(bytes, file);
        var root = document.RootElement;
        StrictJson.ExpectObject(root, file, "", s_fields);
        if (!string.Equals(StrictJson.String(root, "format", file, ""), AuditResult.FormatVersion, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "format", $"expected '{AuditResult.FormatVersion}'");
        }

        var (round, seed, listSha, listCount) = AuditJson.ReadCommon(root, file);
        var size = (int)StrictJson.Integer(root, "sample_size", file, "", 1, listCount);
        var failureElement = root.GetProperty("failure_code");
        var failure = AuditFailure.None;
        if (failureElement.ValueKind != JsonValueKind.Null)
        {
            var code = StrictJson.String(root, "failure_code", file, "");
            failure = Enum.GetValues<AuditFailure>().FirstOrDefault(f => f != AuditFailure.None && string.Equals(AuditJson.Snake(f), code, StringComparison.Ordinal));
            if (failure == AuditFailure.None)
            {
                throw new InputException(file, 0, "failure_code", "not an audit failure code");
            }
        }

        var accounts = new List<AuditAccountCheck>();
        foreach (var element in StrictJson.Array(root, "accounts", file, "").EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"accounts[{accounts.Count}]");
            StrictJson.ExpectObject(element, file, path, s_account);
            var id = AuditJson.AccountId(element.GetProperty("account_id"), file, path + ".account_id");
            var statusText = StrictJson.String(element, "status", file, path);
            if (!Enum.GetValues<AuditAccountStatus>().Any(s => string.Equals(AuditJson.Snake(s), statusText, StringComparison.Ordinal)))
            {
                throw new InputException(file, 0, path + ".status", "expected included, missing or invalid");
            }

            var status = Enum.GetValues<AuditAccountStatus>().First(s => string.Equals(AuditJson.Snake(s), statusText, StringComparison.Ordinal));
            var codeElement = element.GetProperty("failure_code");
            string? code = codeElement.ValueKind == JsonValueKind.Null ? null : StrictJson.String(element, "failure_code", file, path);
            if ((status == AuditAccountStatus.Included) != (code is null))
            {
                throw new InputException(file, 0, path + ".failure_code", "must be null exactly when the account is included");
            }

            accounts.Add(new AuditAccountCheck(id, status, code, StrictJson.String(element, "reason", file, path)));
        }

        var result = new AuditResult
        {
            Round = round,
            Seed = seed,
            ListSha256 = listSha,
            ListCount = listCount,
            SampleSha256 = StrictJson.Hex(root, "sample_sha256", 32, file, ""),
            Confidence = AuditJson.Probability(root, "confidence", file),
            MaxOmittedFraction = root.GetProperty("max_omitted_fraction").ValueKind == JsonValueKind.Null ? null : AuditJson.Probability(root, "max_omitted_fraction", file),
            SampleSize = size,
            Accounts = accounts,
            Failure = failure,
            Message = StrictJson.String(root, "failure", file, ""),
        };
        if (result.Checked && accounts.Count != size)
        {
            throw new InputException(file, 0, "accounts", $"lists {accounts.Count} accounts, sample_size says {size}");
        }

        var expectedFailure = !result.Checked ? failure : result.Missing > 0 ? AuditFailure.AccountMissing : result.Invalid > 0 ? AuditFailure.AccountInvalid : AuditFailure.None;
        Expect(file, "failure_code", failure == expectedFailure && (result.Checked || accounts.Count == 0));
        Expect(file, "included", StrictJson.Integer(root, "included", file, "", 0, size) == result.Included);
        Expect(file, "missing", StrictJson.Integer(root, "missing", file, "", 0, size) == result.Missing);
        Expect(file, "invalid", StrictJson.Integer(root, "invalid", file, "", 0, size) == result.Invalid);
        Expect(file, "omitted_fraction_bound", string.Equals(StrictJson.String(root, "omitted_fraction_bound", file, ""), result.OmittedFractionBound, StringComparison.Ordinal));
        Expect(file, "omitted_accounts_bound", StrictJson.Integer(root, "omitted_accounts_bound", file, "", 0, listCount) == result.OmittedAccountsBound);
        var targetMet = root.GetProperty("target_met");
        Expect(file, "target_met", result.TargetMet is { } met ? targetMet.ValueKind == (met ? JsonValueKind.True : JsonValueKind.False) : targetMet.ValueKind == JsonValueKind.Null);
        Expect(file, "verdict", string.Equals(StrictJson.String(root, "verdict", file, ""), result.Passed ? "pass" : "fail", StringComparison.Ordinal));
        return result;
    }

    private static void Expect(string file, string field, bool holds)
    {
        if (!holds)
        {
            throw new InputException(file, 0, field, "does not match the per-account findings (recomputed from them)");
        }
    }
}
