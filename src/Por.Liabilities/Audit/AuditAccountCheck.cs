// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Audit;

/// <summary>The finding for one sampled account.</summary>
/// <param name="AccountId">The account id.</param>
/// <param name="Status">Included, missing or invalid.</param>
/// <param name="FailureCode">Null when included; otherwise the failed check in snake case (<c>not_exported</c>,
/// <c>malformed</c>, <c>account_mismatch</c>, <c>mode_mismatch</c>, or an inclusion failure such as <c>root_mismatch</c>).</param>
/// <param name="Reason">Empty when included; otherwise what failed, for people.</param>
public sealed record AuditAccountCheck(string AccountId, AuditAccountStatus Status, string? FailureCode, string Reason);
