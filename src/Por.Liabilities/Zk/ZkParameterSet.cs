// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Proving;

namespace Por.Liabilities.Zk;

/// <summary>
/// A pinned batch shape and STARK option set. Verifiers look a set up by id in <see cref="Pinned"/>: nothing about
/// the shape or the security settings is read from a proof.
/// </summary>
/// <param name="Id">Stable id, bound in every proof's statement.</param>
/// <param name="AccountsPerBatch">N (power of two).</param>
/// <param name="TraceLength">n (power of two).</param>
/// <param name="Options">STARK options.</param>
/// <param name="IsTestOnly">True for sets below production security (tests only; verifiers refuse them by default).</param>
public sealed record ZkParameterSet(string Id, int AccountsPerBatch, int TraceLength, StarkOptions Options, bool IsTestOnly)
{
    /// <summary>Production: 2^18 accounts per batch, 2^20 rows, production options (103 proven bits, JBR).</summary>
    public static ZkParameterSet Production { get; } = new("pol-v1-n18", 1 << 18, 1 << 20, StarkOptions.Production, false);

    /// <summary>Small rounds: 2^8 accounts per batch, 2^12 rows, production options (103 proven bits, JBR).</summary>
    public static ZkParameterSet Small { get; } = new("pol-v1-n8", 1 << 8, 1 << 12, StarkOptions.Production, false);

    /// <summary>Opt-in 128-bit production shape: 2^18 accounts per batch, 2^20 rows, <see cref="StarkOptions.Proven128"/> (128 proven bits).</summary>
    public static ZkParameterSet Production128 { get; } = new("pol-v1-n18-s128", 1 << 18, 1 << 20, StarkOptions.Proven128, false);

    /// <summary>Opt-in 128-bit small shape: 2^8 accounts per batch, 2^12 rows, <see cref="StarkOptions.Proven128"/> (128 proven bits).</summary>
    public static ZkParameterSet Small128 { get; } = new("pol-v1-n8-s128", 1 << 8, 1 << 12, StarkOptions.Proven128, false);

    /// <summary>Tests only: 2^4 accounts, 2^12 rows, 8 queries (far below 100 bits).</summary>
    public static ZkParameterSet Test { get; } = new("pol-test-n4", 1 << 4, 1 << 12, new StarkOptions(8, 8, 4, 4, 3), true);

    /// <summary>Every set a verifier knows.</summary>
    public static IReadOnlyList<ZkParameterSet> Pinned { get; } = [Production, Small, Production128, Small128, Test];

    /// <summary>Finds a pinned set by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The set, or null.</returns>
    public static ZkParameterSet? Find(string id) => Pinned.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
