// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Liabilities.Audit;
using Por.Liabilities.Rounds;

namespace Por.Reports.Tests;

/// <summary>The report's "Auditor sampling" section: verdict, counts, bound, failure codes, and no account id.</summary>
public sealed class AuditSectionTests
{
    private static AuditResult Result(params AuditAccountCheck[] accounts) => new()
    {
        Round = new AuditRound("2026-11", RoundMode.Transparent, SHA256.HashData("root"u8), SHA256.HashData("manifest"u8)),
        Seed = new AuditSeed("bitcoin", 901_234, SHA256.HashData("block"u8)),
        ListSha256 = SHA256.HashData("list"u8),
        ListCount = 1000,
        SampleSha256 = SHA256.HashData("sample"u8),
        Confidence = "0.95",
        MaxOmittedFraction = null,
        SampleSize = accounts.Length,
        Accounts = accounts,
        Failure = accounts.Any(a => a.Status == AuditAccountStatus.Missing) ? AuditFailure.AccountMissing
            : accounts.Any(a => a.Status == AuditAccountStatus.Invalid) ? AuditFailure.AccountInvalid : AuditFailure.None,
        Message = "",
    };

    [Fact]
    public void Failing_ShowsCountsCodesAndVerdict_WithoutAccountIds()
    {
        var result = Result(
            new AuditAccountCheck("secret-alice", AuditAccountStatus.Included, null, ""),
            new AuditAccountCheck("secret-bob", AuditAccountStatus.Missing, "not_exported", "no file"),
            new AuditAccountCheck("secret-carol", AuditAccountStatus.Invalid, "root_mismatch", "bad path"),
            new AuditAccountCheck("secret-dave", AuditAccountStatus.Included, null, ""));
        var h = new StringBuilder();
        AuditSection.Append(h, result);
        var html = h.ToString();
        Assert.Contains("<div id=\"audit\" data-verdict=\"fail\">", html, StringComparison.Ordinal);
        Assert.Contains("<span data-field=\"audit-included\">2</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span data-field=\"audit-missing\" class=\"bad\">1</span>", html, StringComparison.Ordinal);
        Assert.Contains("<td data-field=\"failure-code\">not_exported</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td data-field=\"failure-code\">root_mismatch</td>", html, StringComparison.Ordinal);
        Assert.Contains("2 of the 4 sampled accounts are not shown validly included", html, StringComparison.Ordinal);
        Assert.Contains($"<strong data-field=\"audit-bound\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Passing_And_None()
    {
        var h = new StringBuilder();
        AuditSection.Append(h, Result(new AuditAccountCheck("a", AuditAccountStatus.Included, null, "")));
        Assert.Contains("data-verdict=\"pass\"", h.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("audit-failures", h.ToString(), StringComparison.Ordinal);
        var none = new StringBuilder();
        AuditSection.Append(none, null);
        Assert.Contains("<p id=\"audit\" data-verdict=\"none\">", none.ToString(), StringComparison.Ordinal);
    }
}
