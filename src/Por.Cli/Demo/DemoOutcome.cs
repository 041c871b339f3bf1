// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>What each step of <c>por demo</c> established; a step that did not run is null.</summary>
internal sealed record DemoOutcome
{
    /// <summary>transparent or zk.</summary>
    public required string Mode { get; init; }

    /// <summary>Accounts in the round.</summary>
    public required long Accounts { get; init; }

    /// <summary>What was staged on purpose.</summary>
    public required IReadOnlyList<StagedItem> Staged { get; init; }

    /// <summary>Whether the auditor's verifier accepted the liabilities bundle.</summary>
    public bool LiabilitiesVerified { get; init; }

    /// <summary>Whether the customer's inclusion file verified against the manifest (null: not run).</summary>
    public bool? InclusionVerified { get; init; }

    /// <summary>Reserve rows declared (null: the reserves step did not run).</summary>
    public int? ReserveRows { get; init; }

    /// <summary>Reserve rows that verified.</summary>
    public int ReserveRowsVerified { get; init; }

    /// <summary>Per-asset findings of the report (empty when the report step did not run).</summary>
    public IReadOnlyList<AssetFinding> Assets { get; init; } = [];

    /// <summary>The report's HTML file, when the report was built (both bundles verified, the signed result accepted).</summary>
    public string? ReportHtml { get; init; }

    /// <summary>Whether the auditor's attestation verified with the trusted key (null: not run).</summary>
    public bool? AttestationVerified { get; init; }
}
