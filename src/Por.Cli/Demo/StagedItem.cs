// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>One thing <c>por demo</c> stages on purpose.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Asset">The asset it concerns.</param>
/// <param name="Description">What is staged and what the checks must show, for the user.</param>
internal sealed record StagedItem(StagedKind Kind, string Asset, string Description);
