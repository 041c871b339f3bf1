// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;

namespace Por.Liabilities.Audit;

/// <summary>
/// The second phase of auditor sampling (<c>por audit verify</c>): re-derive the sample from the seed, the round and
/// the auditor's own list, then check every sampled account's inclusion file from the operator's export against the
/// published manifest (docs/threat-model.md, "Auditor sampling").
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies a sample.</summary>
    /// <param name="sample">The sample file's content.</param>
    /// <param name="sampleBytes">The sample file's bytes (their SHA-256 is recorded).</param>
    /// <param name="list">The auditor's own list (the sample is re-derived from it).</param>
    /// <param name="manifestPath">The round's published manifest.json.</param>
    /// <param name="inclusionDirectory">The operator's export: <see cref="InclusionExportLayout.RelativePath"/> per account.</param>
    /// <param name="confidence">The confidence of the bounds, as written (the sample's by default).</param>
    /// <param name="allowTestParameters">Accept a zk round of a test-only parameter set (tests only).</param>
    /// <returns>The result.</returns>
    /// <exception cref="InputException">A malformed manifest.</exception>
    public static AuditResult Verify(AuditSample sample, byte[] sampleBytes, AuditList list, string manifestPath, string inclusionDirectory, string confidence, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(inclusionDirectory);
        var round = AuditRound.Read(manifestPath);
        AuditResult Result(AuditFailure failure, string message, IReadOnlyList<AuditAccountCheck> accounts) => new()
        {
            Round = round,
            Seed = sample.Seed,
            ListSha256 = sample.ListSha256,
            ListCount = sample.ListCount,
            SampleSha256 = SHA256.HashData(sampleBytes),
            Confidence = confidence,
            MaxOmittedFraction = sample.MaxOmittedFraction,
            SampleSize = sample.Accounts.Count,
            Accounts = accounts,
            Failure = failure,
            Message = message,
        };

        if (!round.SameAs(sample.Round))
        {
            return Result(AuditFailure.RoundMismatch, $"the sample was drawn from round '{sample.Round.Id}' root {Convert.ToHexStringLower(sample.Round.Root)}, not from this manifest (round '{round.Id}' root {Convert.ToHexStringLower(round.Root)})", []);
        }

        if (!list.Sha256.AsSpan().SequenceEqual(sample.ListSha256) || list.Count != sample.ListCount)
        {
            return Result(AuditFailure.SampleMismatch, $"the list ({list.Count:N0} ids, SHA-256 {Convert.ToHexStringLower(list.Sha256)}) is not the one the sample was drawn from ({sample.ListCount:N0} ids, SHA-256 {Convert.ToHexStringLower(sample.ListSha256)})", []);
        }

        var expected = AuditSampler.Draw(sample.Seed, round.Root, list, sample.Accounts.Count);
        if (!expected.SequenceEqual(sample.Accounts, StringComparer.Ordinal))
        {
            return Result(AuditFailure.SampleMismatch, "the sample's accounts are not the draw that its seed, this round and the list give (re-derived with " + AuditSampler.Algorithm + ")", []);
        }

        var header = round.Mode == RoundMode.Zk ? null : RoundManifestJson.Read(manifestPath).Header;
        var zkHeader = round.Mode == RoundMode.Zk ? ZkRoundManifestJson.Read(manifestPath).Header : null;
        var checks = new List<AuditAccountCheck>(sample.Accounts.Count);
        foreach (var id in sample.Accounts)
        {
            checks.Add(Check(id, Path.Combine(inclusionDirectory, InclusionExportLayout.RelativePath(id)), round.Mode, header, zkHeader, allowTestParameters));
        }

        var missing = checks.FirstOrDefault(c => c.Status == AuditAccountStatus.Missing);
        var invalid = checks.FirstOrDefault(c => c.Status == AuditAccountStatus.Invalid);
        return missing is not null
            ? Result(AuditFailure.AccountMissing, $"{checks.Count(c => c.Status == AuditAccountStatus.Missing)} sampled account(s) have no inclusion file, first '{missing.AccountId}'", checks)
            : invalid is not null
                ? Result(AuditFailure.AccountInvalid, $"{checks.Count(c => c.Status == AuditAccountStatus.Invalid)} sampled account(s) have an inclusion file that does not verify, first '{invalid.AccountId}': {invalid.Reason}", checks)
                : Result(AuditFailure.None, "", checks);
    }

    /// <summary>Checks one sampled account's file.</summary>
    private static AuditAccountCheck Check(string id, string path, RoundMode mode, RoundHeader? header, ZkRoundHeader? zkHeader, bool allowTestParameters)
    {
        if (!File.Exists(path))
        {
            return new AuditAccountCheck(id, AuditAccountStatus.Missing, AuditJson.Snake(AuditAccountFailure.NotExported), $"no inclusion file {InclusionExportLayout.RelativePath(id)}");
        }

        AuditAccountCheck Invalid(Enum failure, string reason) => new(id, AuditAccountStatus.Invalid, AuditJson.Snake(failure), reason);
        try
        {
            var bytes = File.ReadAllBytes(path);
            var fileMode = RoundModes.Read(bytes, path, RoundDocument.Inclusion);
            if (fileMode != mode)
            {
                return Invalid(AuditAccountFailure.ModeMismatch, $"a {fileMode.Name()} inclusion file for a {mode.Name()} round");
            }

            InclusionVerification check;
            string fileAccount;
            if (mode == RoundMode.Zk)
            {
                var file = ZkInclusionFileJson.Parse(bytes, path);
                fileAccount = Encoding.UTF8.GetString(file.Proof.AccountId);
                check = ZkInclusionFileVerifier.Verify(file, zkHeader, allowTestParameters);
            }
            else
            {
                var proof = InclusionProofJson.Parse(bytes, path);
                fileAccount = proof.AccountId;
                check = InclusionVerifier.Verify(proof, header);
            }

            if (!string.Equals(fileAccount, id, StringComparison.Ordinal))
            {
                return Invalid(AuditAccountFailure.AccountMismatch, $"the file is account '{fileAccount}''s");
            }

            return check.IsValid
                ? new AuditAccountCheck(id, AuditAccountStatus.Included, null, "")
                : Invalid(check.Failure, check.Message);
        }
        catch (InputException e)
        {
            return Invalid(AuditAccountFailure.Malformed, e.Message);
        }
    }
}
