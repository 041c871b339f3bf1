// SPDX-License-Identifier: Apache-2.0

using Por.Core.Liabilities.Zk;
using Por.Core.Rounds.Zk;
using Por.Core.Snapshot;

namespace Por.Core.Rounds;

/// <summary>
/// A round's liabilities as its verifier proved them, in either mode: the round context, the per-asset totals and the
/// public facts of the mode. Only the verifiers create one (<see cref="RoundVerifier"/> for a transparent bundle, after
/// every leaf, node, total and the root were recomputed; <see cref="ZkRoundBundleVerifier"/> for a zk bundle, after
/// every batch proof verified and the last batch's proven totals equaled the published ones), so whatever holds one
/// holds numbers that were checked. A zk round keeps its account count secret: <see cref="AccountCount"/> is then
/// null and the batch shape is given instead.
/// </summary>
public sealed class VerifiedLiabilities
{
    private VerifiedLiabilities(string mode, string roundId, DateTimeOffset snapshotTime, AssetTable assets, IReadOnlyList<ulong> totals, string root, long itemsChecked)
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
    public string Mode { get; }

    /// <summary>Whether the liabilities were proven in zero knowledge.</summary>
    public bool IsZeroKnowledge => string.Equals(Mode, ZkRoundManifest.Mode, StringComparison.Ordinal);

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
    public long? AccountCount { get; private init; }

    /// <summary>The pinned parameter set the batches were proven with (zk); null in transparent mode.</summary>
    public string? ParameterSetId { get; private init; }

    /// <summary>The number of batch proofs (zk); null in transparent mode.</summary>
    public int? BatchCount { get; private init; }

    /// <summary>Accounts per batch of the parameter set (zk): with the batch count, a public upper bound on the accounts.</summary>
    public int? AccountsPerBatch { get; private init; }

    /// <summary>The liabilities of a transparent bundle that <see cref="RoundVerifier"/> has fully verified.</summary>
    internal static VerifiedLiabilities FromTransparent(RoundManifest manifest, long leavesChecked)
    {
        var h = manifest.Header;
        return new VerifiedLiabilities(manifest.Mode, h.RoundId, h.SnapshotTime, h.Assets, h.Totals, Convert.ToHexStringLower([.. h.Root]), leavesChecked)
        {
            AccountCount = h.AccountCount,
        };
    }

    /// <summary>
    /// The liabilities of a zk bundle that <see cref="ZkRoundBundleVerifier"/> has fully verified: the header's totals
    /// are the last batch's proven totals, and its round id, time and assets are bound into every proof by the context digest.
    /// </summary>
    internal static VerifiedLiabilities FromZk(ZkRoundManifest manifest, int batchesChecked)
    {
        var h = manifest.Header;
        var parameters = ZkParameterSet.Find(h.ParameterSetId) ?? throw new InvalidDataException($"unknown parameter set '{h.ParameterSetId}'");
        return new VerifiedLiabilities(ZkRoundManifest.Mode, h.RoundId, h.SnapshotTime, h.Assets, h.Totals, Convert.ToHexStringLower([.. h.Root]), batchesChecked)
        {
            ParameterSetId = h.ParameterSetId,
            BatchCount = h.BatchCount,
            AccountsPerBatch = parameters.AccountsPerBatch,
        };
    }
}
