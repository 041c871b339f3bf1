// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>
/// The machine-readable name of a verification failure in <c>--json</c> output: the failure enum member in snake case
/// (<c>RootMismatch</c> → <c>root_mismatch</c>), so scripts branch on which check failed, not on message text.
/// </summary>
internal static class FailureCodes
{
    /// <summary>The snake-case code of an enum member.</summary>
    /// <param name="failure">A member of a layer's failure enum.</param>
    /// <returns>The code.</returns>
    public static string Of(Enum failure) => SnakeCase.Of(failure);
}
