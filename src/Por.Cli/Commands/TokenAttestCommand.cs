// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Infrastructure;
using Por.Common;
using Por.Reports.Attestation;
using Por.Reports.Tokens;

namespace Por.Cli.Commands;

/// <summary>The token report branch of <c>por attest</c> and <c>por attestation verify</c> (por-token-attestation/1).</summary>
internal static class TokenAttestCommand
{
    /// <summary><c>por attest --report TOKEN-REPORT --key K --out A</c> (no --round).</summary>
    public static int Sign(CliContext ctx, string reportPath, AuditorKey key, string outPath, bool withAuditResult)
    {
        if (withAuditResult)
        {
            throw new InputException("--audit-result", 0, "", "an audit result belongs to an exchange round: give --round, or leave --audit-result out for a token report");
        }

        var attestation = TokenAttestor.Sign(reportPath, key, TimeProvider.System.GetUtcNow());
        AtomicFile.WriteAllBytes(outPath, TokenAttestor.Serialize(attestation));
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", "signed");
                w.WriteString("attestation", outPath);
                w.WriteString("auditor", attestation.Auditor);
                w.WriteString("token_id", attestation.TokenId);
                w.WriteString("measured_at", UtcTime.Format(attestation.MeasuredAt));
                w.WriteString("format", TokenAttestation.FormatVersion);
                w.WriteString("digest", Convert.ToHexStringLower(attestation.Digest));
            });
        }
        else
        {
            ctx.Out.WriteLine($"{attestation.Auditor} attested the report of token {attestation.TokenId} at {UtcTime.Format(attestation.MeasuredAt)}: digest {Convert.ToHexStringLower(attestation.Digest)}");
            ctx.Out.WriteLine($"  written to {outPath}");
        }

        return ExitCodes.Ok;
    }

    /// <summary><c>por attestation verify --attestation A --report TOKEN-REPORT --auditor-key K</c>.</summary>
    public static int Verify(CliContext ctx, byte[] attestationBytes, string attestationPath, string reportPath, AuditorKey trusted, string? round, string? auditResult)
    {
        if (round is not null || auditResult is not null)
        {
            throw new InputException(round is not null ? "--round" : "--audit-result", 0, "", "a token report attestation (por-token-attestation/1) covers the token report only");
        }

        var parsed = TokenAttestor.Parse(attestationBytes, attestationPath);
        var check = TokenAttestor.Verify(parsed, reportPath, trusted);
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", check.IsValid ? "verified" : "failed");
                if (!check.IsValid)
                {
                    w.WriteString("failure", check.Message);
                    w.WriteString("failure_code", FailureCodes.Of(check.Failure));
                }

                w.WriteString("auditor", parsed.Auditor);
                w.WriteString("algorithm", AuditorKey.AlgorithmName(parsed.Algorithm));
                w.WriteString("token_id", parsed.TokenId);
                w.WriteString("measured_at", UtcTime.Format(parsed.MeasuredAt));
                w.WriteString("format", TokenAttestation.FormatVersion);
                w.WriteString("signed_at", UtcTime.Format(parsed.SignedAt));
            });
        }
        else
        {
            ctx.Out.WriteLine(check.IsValid
                ? $"PASS: {parsed.Auditor} attested the report of token {parsed.TokenId} at {UtcTime.Format(parsed.MeasuredAt)} (signed {UtcTime.Format(parsed.SignedAt)}); the {AuditorKey.AlgorithmName(parsed.Algorithm)} signature verifies with the trusted key over this report."
                : $"FAIL: {check.Message}");
        }

        return check.IsValid ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }
}
