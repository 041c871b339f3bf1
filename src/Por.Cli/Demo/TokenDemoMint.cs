// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>A mint sent on chain by <c>por demo token</c>.</summary>
/// <param name="Succeeded">Whether the transaction succeeded.</param>
/// <param name="Hash">The transaction hash.</param>
/// <param name="Error">The guard's custom error with its arguments when it reverted, else null.</param>
/// <param name="Text">A sentence for the output.</param>
internal sealed record TokenDemoMint(bool Succeeded, string Hash, string? Error, string Text);
