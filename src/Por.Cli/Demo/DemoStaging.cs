// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Cli.Demo;

/// <summary>
/// What <c>por demo</c> stages on purpose so that the checks have something to catch (docs/demo.md): one asset
/// under-reserved, one wallet declared on a chain the round's registry does not list, one wallet that borrows its
/// balance for the snapshot window, and one reserve no customer holds. The demo announces these before it runs and
/// reports, at the end, whether each was found, and anything found that was not staged.
/// </summary>
internal static class DemoStaging
{
    /// <summary>The asset whose reserves are deliberately short.</summary>
    public const string UnderReservedAsset = "ETH";

    /// <summary>Its reserves as a percentage of customer liabilities.</summary>
    public const int UnderReservedPercent = 97;

    /// <summary>The asset whose wallet is declared on a chain the registry does not list.</summary>
    public const string UnlistedChainAsset = "SOL";

    /// <summary>The asset whose wallet borrows for the snapshot window.</summary>
    public const string BorrowedAsset = "USDC";

    /// <summary>The share of its snapshot balance the borrowing wallet holds before and after the snapshot.</summary>
    public const int BorrowedKeptPercent = 40;

    /// <summary>A reserve held although no customer holds the asset.</summary>
    public const string ExtraAsset = "PAXG";

    /// <summary>What is staged for a round with these assets (an item whose asset the round lacks is not staged).</summary>
    /// <param name="assets">The round's assets.</param>
    /// <returns>The staged items, in the order they are announced.</returns>
    public static IReadOnlyList<StagedItem> For(AssetTable assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var has = assets.Assets.Select(a => a.Symbol).ToHashSet(StringComparer.Ordinal);
        var items = new List<StagedItem>();
        if (has.Contains(UnderReservedAsset))
        {
            items.Add(new StagedItem(StagedKind.UnderReserved, UnderReservedAsset, $"{UnderReservedAsset} is under-reserved: the custodian holds {UnderReservedPercent}% of customer {UnderReservedAsset}, so its ratio must be flagged below 100%"));
        }

        if (has.Contains(UnlistedChainAsset))
        {
            items.Add(new StagedItem(StagedKind.UnlistedChain, UnlistedChainAsset, $"the {UnlistedChainAsset} wallet is declared on chain 'solana', which the round's registry does not list, so the row must fail and no {UnlistedChainAsset} reserves count"));
        }

        if (has.Contains(BorrowedAsset))
        {
            items.Add(new StagedItem(StagedKind.BorrowedForSnapshot, BorrowedAsset, $"the {BorrowedAsset} wallet borrows {100 - BorrowedKeptPercent}% of its balance for the snapshot window, so a round trip must be flagged and the stable ratio fall below 100%"));
        }

        items.Add(new StagedItem(StagedKind.ReserveWithoutLiabilities, ExtraAsset, $"{ExtraAsset} is held although no customer holds it: shown apart, never counted against liabilities"));
        return items;
    }
}
