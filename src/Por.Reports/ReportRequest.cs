// SPDX-License-Identifier: Apache-2.0

using Por.Reports.History;

namespace Por.Reports;

/// <summary>The inputs of <see cref="ReportPipeline.Run"/>.</summary>
public sealed record ReportRequest
{
    /// <summary>The round bundle directory (verified before use, by its manifest's mode).</summary>
    public required string RoundDirectory { get; init; }

    /// <summary>Accept a zk bundle proven with a test-only parameter set (tests only; refused by default).</summary>
    public bool AllowTestParameters { get; init; }

    /// <summary>The "por-reserves-result/3" (or /2) file from <c>por reserves verify --output</c>.</summary>
    public required string ReservesResultPath { get; init; }

    /// <summary>The verifier's "por-reserves-signature/1" over the result file.</summary>
    public required string ReservesSignaturePath { get; init; }

    /// <summary>The reserves verifier's trusted public key file ("por-auditor-public-key/1"); the result is rejected
    /// unless its signature verifies with this key.</summary>
    public required string ReservesVerifierKeyPath { get; init; }

    /// <summary>The price file.</summary>
    public required string PricesPath { get; init; }

    /// <summary>Where report.json and report.html are written (created if missing).</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Platform token and stablecoins.</summary>
    public ReportOptions Options { get; init; } = new();

    /// <summary>The history store the round is recorded in and trends are read from, or null (owned by the caller).</summary>
    public IRoundHistory? History { get; init; }

    /// <summary>An attestation to check and show, or null.</summary>
    public string? AttestationPath { get; init; }

    /// <summary>The auditor's trusted public key file (required with an attestation).</summary>
    public string? AuditorPublicKeyPath { get; init; }

    /// <summary>An auditor sampling result ("por-audit-result/1") about this round to show, or null.</summary>
    public string? AuditResultPath { get; init; }
}
