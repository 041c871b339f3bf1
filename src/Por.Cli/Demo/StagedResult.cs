// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>Whether the checks found a staged problem.</summary>
/// <param name="Item">What was staged.</param>
/// <param name="Found">Whether the verified report and reserves result show it.</param>
/// <param name="Detail">What they show.</param>
internal sealed record StagedResult(StagedItem Item, bool Found, string Detail);
