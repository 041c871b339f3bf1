// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>Why a zk round cannot be planned (<see cref="ZkPlanningException.Reason"/>).</summary>
public enum ZkPlanningFailure
{
    /// <summary>The round has no account.</summary>
    NoAccounts,

    /// <summary>The asset list is too long: even a batch of padding leaves does not fit the set's rows (3 rows per asset).</summary>
    TooManyAssets,

    /// <summary>One account (<see cref="ZkPlanningException.AccountIndex"/>) has more holdings than one batch can hold.</summary>
    AccountTooLarge,

    /// <summary>The round needs more batches than a bundle may have (<see cref="ZkRoundHeaderJson.MaxBatchCount"/>).</summary>
    TooManyAccounts,

    /// <summary>The round would fit a set whose estimated peak memory is above the prover memory limit, or no set is below it.</summary>
    NotEnoughMemory,
}
