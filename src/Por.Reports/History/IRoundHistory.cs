// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.History;

/// <summary>
/// Where reported rounds are kept between reports. The report pipeline records each round and reads the history up to
/// it; the stores (SQLite, PostgreSQL) live in Por.Storage so that report verification needs no database driver.
/// </summary>
public interface IRoundHistory
{
    /// <summary>A description of the store for people (no secrets).</summary>
    string Description { get; }

    /// <summary>Records a round (idempotent for the same round; a different root under the same id is refused).</summary>
    /// <param name="round">The round.</param>
    void Record(RoundRecord round);

    /// <summary>The recorded rounds whose snapshot time is at most <paramref name="until"/>, oldest first.</summary>
    /// <param name="until">The latest snapshot time to include.</param>
    /// <returns>The rounds.</returns>
    IReadOnlyList<RoundRecord> ReadUntil(DateTimeOffset until);
}
