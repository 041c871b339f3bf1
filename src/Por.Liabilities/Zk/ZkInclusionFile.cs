// SPDX-License-Identifier: Apache-2.0


using Por.Liabilities.Rounds;

namespace Por.Liabilities.Zk;

/// <summary>A customer's zk inclusion file: the round header as published and their proof (docs/formats.md §9.4).</summary>
/// <param name="Header">The round header the file claims (compared with the manifest when one is given).</param>
/// <param name="Proof">The opening and both paths; its parameter set and batch count are the header's.</param>
public sealed record ZkInclusionFile(ZkRoundHeader Header, ZkInclusionProof Proof)
{
    /// <summary>Most siblings a file may carry: 32 × 32 bytes = 1 KiB of proof material.</summary>
    public const int MaxSiblings = 32;

    /// <summary>
    /// The format of a zk inclusion file (version 2: the published root commits to the round fields, <c>tree_root</c>
    /// added). Transparent inclusion files keep <see cref="Liabilities.Transparent.InclusionProof.FormatId"/>.
    /// </summary>
    public const string FormatId = RoundModes.ZkInclusionFormat;
}
