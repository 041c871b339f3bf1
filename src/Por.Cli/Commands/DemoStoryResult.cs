// SPDX-License-Identifier: Apache-2.0

using Por.Reports;
using Por.Reserves;

namespace Por.Cli.Commands;

/// <summary>What the reserves, report and attestation half of <c>por demo</c> produced.</summary>
/// <param name="Reserves">The verifier's result for the current round's declaration.</param>
/// <param name="Report">The current round's report, re-rendered with the attestation.</param>
internal sealed record DemoStoryResult(ReserveVerificationResult Reserves, ReportOutcome Report);
