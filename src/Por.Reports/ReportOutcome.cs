// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports;

/// <summary>What <see cref="ReportPipeline.Run"/> produced.</summary>
/// <param name="Report">The statement.</param>
/// <param name="Attestation">The attestation summary, or null when none was given.</param>
/// <param name="Rubric">The full rubric including the attestation line.</param>
/// <param name="ReportJsonPath">Where report.json was written.</param>
/// <param name="HtmlPath">Where report.html was written.</param>
/// <param name="History">Where the history store lives, or null.</param>
public sealed record ReportOutcome(SolvencyReport Report, AttestationSummary? Attestation, IReadOnlyList<RubricCriterion> Rubric, string ReportJsonPath, string HtmlPath, string? History);
