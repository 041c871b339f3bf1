// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>A custodian's reserve declaration for one round.</summary>
/// <param name="Format">Format identifier as read ("por-reserves/2", the deprecated "por-reserves/1", or "okx-csv" for imports).</param>
/// <param name="Custodian">Who declares the reserves.</param>
/// <param name="Round">The round id (e.g. "2026-11").</param>
/// <param name="Rows">The declared wallets.</param>
/// <param name="SourcePath">The file it was read from.</param>
public sealed record ReserveDeclaration(string Format, string Custodian, string Round, IReadOnlyList<ReserveRow> Rows, string SourcePath);
