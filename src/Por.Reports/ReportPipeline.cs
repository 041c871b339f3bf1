// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities;
using Por.Liabilities.Rounds;
using Por.Reports.Attestation;
using Por.Reports.History;
using Por.Reports.Prices;

namespace Por.Reports;

/// <summary>
/// <c>por report</c> end to end: verify the round bundle by its mode (<see cref="LiabilitiesVerifier"/>: transparent,
/// every leaf, node, total and the root; zk, every batch proof under its pinned parameter set) before using its
/// totals, read verified reserves and prices, record the round in the history store, compute the statement, write
/// report.json and report.html (each through a temporary file and a rename), and check an attestation if given.
/// </summary>
public static class ReportPipeline
{
    /// <summary>The report JSON file name.</summary>
    public const string ReportJsonName = "report.json";

    /// <summary>The HTML file name.</summary>
    public const string HtmlName = "report.html";

    /// <summary>Reads the reserves result only after its verifier's signature checks out with the trusted key.</summary>
    /// <param name="request">The inputs.</param>
    /// <returns>The verified reserves.</returns>
    /// <exception cref="InvalidDataException">The signature does not hold, or the result is inconsistent.</exception>
    /// <exception cref="InputException">Malformed files.</exception>
    public static VerifiedReserves ReadSignedReserves(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resultBytes = File.ReadAllBytes(request.ReservesResultPath);
        if (!File.Exists(request.ReservesSignaturePath))
        {
            throw new InputException(request.ReservesSignaturePath, 0, "", "missing: a reserves result counts only with its verifier's signature (por reserves verify --output <result> --sign-key <key> writes <result>.sig)");
        }

        var signature = ReserveResultSignatureJson.Parse(File.ReadAllBytes(request.ReservesSignaturePath), request.ReservesSignaturePath);
        var key = AuditorKey.Read(request.ReservesVerifierKeyPath, requireSecret: false);
        var (failure, message) = ReserveResultSigner.Verify(signature, resultBytes, request.ReservesResultPath, key);
        if (failure != AttestationFailure.None)
        {
            throw new InvalidDataException($"reserves result {request.ReservesResultPath} is not signed by the trusted verifier: {message}");
        }

        return ReserveResultReader.Parse(resultBytes, request.ReservesResultPath);
    }

    /// <summary>Runs the pipeline, reporting its stages ("reading prices and the signed reserves result", the round
    /// bundle's verification per batch or leaf block, "recording the round in the history", "writing the report",
    /// "checking the attestation") to <paramref name="progress"/>.</summary>
    /// <param name="request">The inputs.</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="InvalidDataException">The round bundle or the reserves result fails verification.</exception>
    /// <exception cref="InputException">Malformed input.</exception>
    /// <exception cref="ArgumentException">An attestation without the auditor's key, or a key without an attestation.</exception>
    /// <exception cref="IOException">I/O or database failure.</exception>
    public static ReportOutcome Run(ReportRequest request, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.AttestationPath is null) != (request.AuditorPublicKeyPath is null))
        {
            throw new ArgumentException("An attestation is checked against the auditor's trusted public key: give both paths or neither.", nameof(request));
        }

        progress?.Report(new WorkProgress("reading prices and the signed reserves result", 0, 0));
        var prices = PriceFileReader.Read(request.PricesPath);
        var reserves = ReadSignedReserves(request);
        var trustedKey = request.AuditorPublicKeyPath is null ? null : AuditorKey.Read(request.AuditorPublicKeyPath, requireSecret: false);
        var attestation = request.AttestationPath is null ? null : AttestationJson.Parse(File.ReadAllBytes(request.AttestationPath), request.AttestationPath);
        var audit = AuditSection.Read(request.AuditResultPath, Path.Combine(request.RoundDirectory, BundleLayout.Manifest));
        var verification = LiabilitiesVerifier.Verify(request.RoundDirectory, request.AllowTestParameters, progress, cancellationToken);
        if (!verification.IsValid)
        {
            // Nothing is reported on liabilities that did not verify; the caller maps this to "verification failed".
            throw new InvalidDataException($"round bundle {request.RoundDirectory} failed verification: {verification.Message}");
        }

        var round = verification.Liabilities;

        IReadOnlyList<RoundRecord>? history = null;
        string? historyDescription = null;
        var record = SolvencyCalculator.ToRecord(round, reserves, prices);
        if (request.History is { } store)
        {
            progress?.Report(new WorkProgress("recording the round in the history", 0, 0));
            store.Record(record);
            history = store.ReadUntil(record.SnapshotTime);
            historyDescription = store.Description;
        }

        progress?.Report(new WorkProgress("writing the report", 0, 0));
        var report = SolvencyCalculator.Compute(round, reserves, prices, request.Options, history);
        var json = SolvencyReportJson.Serialize(report);
        Directory.CreateDirectory(request.OutputDirectory);
        var jsonPath = Path.GetFullPath(Path.Combine(request.OutputDirectory, ReportJsonName));
        var htmlPath = Path.GetFullPath(Path.Combine(request.OutputDirectory, HtmlName));
        AtomicFile.WriteAllBytes(jsonPath, json);
        AttestationSummary? summary = null;
        if (attestation is not null)
        {
            progress?.Report(new WorkProgress("checking the attestation", 0, 0));
            var check = Attestor.Verify(attestation, Path.Combine(request.RoundDirectory, BundleLayout.Manifest), jsonPath, trustedKey!, request.AuditResultPath);
            summary = AttestationSummary.Of(attestation, check);
        }

        AtomicFile.WriteAllBytes(htmlPath, Encoding.UTF8.GetBytes(HtmlReportRenderer.Render(report, summary, audit)));
        var rubric = report.Rubric.Append(AttestationSummary.Criterion(summary)).ToList();
        return new ReportOutcome(report, summary, rubric, jsonPath, htmlPath, historyDescription);
    }
}
