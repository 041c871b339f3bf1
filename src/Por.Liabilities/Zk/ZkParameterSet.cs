// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
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

    /// <summary>
    /// The production ladder (103 proven bits, <see cref="StarkOptions.Production"/>), from the cheapest batch to the
    /// largest: the standard rungs <c>pol-v1-n8</c> … <c>pol-v1-n18</c> (N = 2^k accounts per batch, n = 2^12 rows for
    /// k ≤ 10 and n = 4N above) and the row-heavy rungs <c>pol-v1-nK-rM</c> (N = 2^k, n = 2^(k+6) = 64 rows per account,
    /// k = 8..14) for accounts with many holdings. Ordered by trace length, then by N. Used by
    /// <see cref="ZkBatchPlanner.ChooseParameterSet(IReadOnlyList{int}, int)"/>; the shapes are pinned: changing one
    /// breaks every bundle proven under its id.
    /// </summary>
    public static IReadOnlyList<ZkParameterSet> Ladder { get; } = BuildLadder();

    /// <summary>Every set a verifier knows: the production ladder, the opt-in 128-bit sets and the test set.</summary>
    public static IReadOnlyList<ZkParameterSet> Pinned { get; } = [.. Ladder, Production128, Small128, Test];

    /// <summary>Finds a pinned set by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The set, or null.</returns>
    public static ZkParameterSet? Find(string id) => Pinned.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>The production set with N = 2^<paramref name="log2Accounts"/> and n = 2^<paramref name="log2Rows"/>: its id is <c>pol-v1-n{k}</c> for the standard shape, else <c>pol-v1-n{k}-r{m}</c>.</summary>
    private static ZkParameterSet Rung(int log2Accounts, int log2Rows)
    {
        bool standard = log2Rows == StandardLog2Rows(log2Accounts);
        string id = standard
            ? string.Create(CultureInfo.InvariantCulture, $"pol-v1-n{log2Accounts}")
            : string.Create(CultureInfo.InvariantCulture, $"pol-v1-n{log2Accounts}-r{log2Rows}");
        return new ZkParameterSet(id, 1 << log2Accounts, 1 << log2Rows, StarkOptions.Production, false);
    }

    // n = 2^12 up to N = 2^10 (the smallest trace worth a proof), then 4 rows per account (pol-v1-n18: 2^20).
    private static int StandardLog2Rows(int log2Accounts) => Math.Max(12, log2Accounts + 2);

    private static List<ZkParameterSet> BuildLadder()
    {
        var ladder = new List<ZkParameterSet>();
        for (int k = 8; k <= 18; k++)
        {
            ladder.Add(k switch { 8 => Small, 18 => Production, _ => Rung(k, StandardLog2Rows(k)) });
        }

        for (int k = 8; k <= 14; k++)
        {
            ladder.Add(Rung(k, k + HeavyLog2RowsPerAccount));
        }

        return [.. ladder.OrderBy(p => p.TraceLength).ThenBy(p => p.AccountsPerBatch)];
    }

    // Row-heavy rungs: 2^6 = 64 rows per account slot, about 120 holdings per account when every slot is used.
    private const int HeavyLog2RowsPerAccount = 6;
}
