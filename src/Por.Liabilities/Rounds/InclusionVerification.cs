// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>The outcome of checking one inclusion proof.</summary>
/// <param name="IsValid">Whether every check passed.</param>
/// <param name="Failure">The first failed check, or null.</param>
/// <param name="CheckedAgainstManifest">Whether the round header was compared with a published manifest.</param>
public sealed record InclusionVerification(bool IsValid, string? Failure, bool CheckedAgainstManifest);
