// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>A kind of problem <c>por demo</c> stages on purpose.</summary>
internal enum StagedKind
{
    /// <summary>An asset's reserves are below its liabilities.</summary>
    UnderReserved,

    /// <summary>A wallet is declared on a chain the round's registry does not list.</summary>
    UnlistedChain,

    /// <summary>A wallet's balance arrives before the snapshot and leaves after it.</summary>
    BorrowedForSnapshot,

    /// <summary>A reserve of an asset no customer holds.</summary>
    ReserveWithoutLiabilities,
}
