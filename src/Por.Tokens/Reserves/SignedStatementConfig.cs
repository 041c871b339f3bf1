// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Statements;

namespace Por.Tokens.Reserves;

/// <summary>A <c>signed_statement</c> source: a por-reserve-statement/1 file, re-read at every evaluation.</summary>
/// <param name="Id">The source id.</param>
/// <param name="Path">The statement file (absolute, resolved against the registry's folder).</param>
/// <param name="Issuer">The issuer the statement must name.</param>
/// <param name="Currency">The currency unit the statement's amounts must be in (the token's reserve unit).</param>
/// <param name="MaxAgeSeconds">The oldest the statement's as-of may be at the evaluation time.</param>
/// <param name="Signers">The pinned signer keys; a statement signed by any other key is refused.</param>
public sealed record SignedStatementConfig(string Id, string Path, string Issuer, string Currency, long MaxAgeSeconds, IReadOnlyList<StatementPublicKey> Signers)
    : ReserveSourceConfig(Id, ReserveSourceKinds.SignedStatement);
