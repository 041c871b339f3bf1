// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Liabilities.Rounds;

/// <summary>
/// A round's liabilities as its verifier proved them, in either mode: the round context, the per-asset totals and the
/// public facts of the mode. Only the verifiers create one (<see cref="Transparent.RoundVerifier"/> for a transparent bundle, after
/// every leaf, node, total and the root were recomputed; <see cref="Zk.ZkRoundBundleVerifier"/> for a zk bundle, after
/// every batch proof verified and the last batch's proven totals equaled the published ones), so whatever holds one
/// holds numbers that were checked. A zk round keeps its account count secret: <see cref="AccountCount"/> is then
/// null and the batch shape is given instead.
/// </summary>
public sealed class VerifiedLiabilities
{
    internal VerifiedLiabilities(RoundMode mode, string roundId, DateTimeOffset snapshotTime, AssetTable assets, IReadOnlyList<ulong> totals, string root, long itemsChecked)
    {
        Mode = mode;
        RoundId = roundId;
        SnapshotTime = snapshotTime;
        Assets = assets;
        Totals = totals;
        Root = root;
        ItemsChecked = itemsChecked;
    }

    /// <summary>The liabilities mode the totals were proven in: "transparent" or "zk".</summary>
    public RoundMode Mode { get; }

    /// <summary>Whether the liabilities were proven in zero knowledge.</summary>
    public bool IsZeroKnowledge => Mode == RoundMode.Zk;

    /// <summary>The round id.</summary>
    public string RoundId { get; }

    /// <summary>The snapshot time (UTC, whole seconds).</summary>
    public DateTimeOffset SnapshotTime { get; }

    /// <summary>The asset table (symbols and decimals, in id order).</summary>
    public AssetTable Assets { get; }

    /// <summary>The proven per-asset totals in base units, by asset id.</summary>
    public IReadOnlyList<ulong> Totals { get; }

    /// <summary>The round root as the manifest publishes it (64 lowercase hex digits in both modes).</summary>
    public string Root { get; }

    /// <summary>What the verifier checked: leaves recomputed (transparent) or batch proofs verified (zk).</summary>
    public long ItemsChecked { get; }

    /// <summary>The number of accounts (transparent); null in zk mode, where it is not public.</summary>
    public long? AccountCount { get; internal init; }

    /// <summary>The pinned parameter set the batches were proven with (zk); null in transparent mode.</summary>
    public string? ParameterSetId { get; internal init; }

    /// <summary>The number of batch proofs (zk); null in transparent mode.</summary>
    public int? BatchCount { get; internal init; }

    /// <summary>Accounts per batch of the parameter set (zk): with the batch count, a public upper bound on the accounts.</summary>
    public int? AccountsPerBatch { get; internal init; }
}
