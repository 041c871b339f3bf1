// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Snapshot;

/// <summary>Receives accounts one at a time from a snapshot reader, so that no reader holds the whole file.</summary>
public interface ISnapshotSink
{
    /// <summary>Takes one account.</summary>
    /// <param name="accountId">The raw account id as UTF-8 (valid, non-empty, no control characters).</param>
    /// <param name="holdings">Non-zero holdings in strictly increasing asset id order.</param>
    /// <param name="file">The file the account came from.</param>
    /// <param name="line">The 1-based line where the account starts.</param>
    void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line);
}
