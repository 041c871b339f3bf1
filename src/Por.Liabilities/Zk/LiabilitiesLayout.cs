// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Hashing;

namespace Por.Liabilities.Zk;

/// <summary>
/// The column layout of <see cref="LiabilitiesAir"/> (docs/liabilities-zk.md §2.1): every main and auxiliary column
/// offset and width comes from here. Each group is named after the <see cref="LiabilitiesAir"/> member that holds its
/// first column; the AIR's column constants are read from these layouts once, at type initialisation.
/// </summary>
internal static class LiabilitiesLayout
{
    // Declared before Fixed, which reads its width (static fields initialise in textual order).

    /// <summary>One holding slot: asset id, limbs l0..l3 (lo = l0 + 2^16·l1, hi = l2 + 2^16·l3), last-holding flag.</summary>
    public static readonly ColumnLayout Slot = new ColumnLayout()
        .Add(nameof(LiabilitiesAir.SlotAsset), 1)
        .Add(nameof(LiabilitiesAir.SlotLimb0), 4)
        .Add(nameof(LiabilitiesAir.SlotLast), 1);

    /// <summary>
    /// The main columns that do not depend on the shape, in column order. The K multiplicity columns follow them
    /// (<see cref="Main"/>); they come last because K varies with the trace length.
    /// </summary>
    public static readonly ColumnLayout Fixed = new ColumnLayout()
        .Add(nameof(LiabilitiesAir.In), Poseidon2RowColumns())
        .Add(nameof(LiabilitiesAir.Slot0), 2 * Slot.Width)
        .Add(nameof(LiabilitiesAir.First), 1)
        .Add(nameof(LiabilitiesAir.Cont), 1)
        .Add(nameof(LiabilitiesAir.LastLeaf), 1)
        .Add(nameof(LiabilitiesAir.Node), 1)
        .Add(nameof(LiabilitiesAir.Root), 1)
        .Add(nameof(LiabilitiesAir.Carry), 1)
        .Add(nameof(LiabilitiesAir.Valid0), 2)
        .Add(nameof(LiabilitiesAir.Acct), 1)
        .Add(nameof(LiabilitiesAir.Nid), 1)
        .Add(nameof(LiabilitiesAir.ChainIn), 1)
        .Add(nameof(LiabilitiesAir.ChainOut), 1)
        .Add(nameof(LiabilitiesAir.Table), 1);

    /// <summary>The main segment for K multiplicity columns.</summary>
    /// <param name="tableColumns">K.</param>
    /// <returns>The layout; its width is the AIR's main width.</returns>
    public static ColumnLayout Main(int tableColumns) => Fixed.Add(nameof(LiabilitiesAir.Multiplicity0), tableColumns);

    /// <summary>The auxiliary segment: C LogUp fraction columns, then the accumulator.</summary>
    /// <param name="fractionColumns">C.</param>
    /// <returns>The layout; its width is the AIR's auxiliary width.</returns>
    public static ColumnLayout Aux(int fractionColumns) =>
        new ColumnLayout().Add(nameof(LiabilitiesAir.FractionColumns), fractionColumns).Add("Accumulator", 1);

    // One Poseidon2 permutation per row: input state, then every round's committed columns (Poseidon2Row).
    private static int Poseidon2RowColumns() => Poseidon2Row.ColumnCount(ZkAccountEncoding.Permutation.Parameters);
}
