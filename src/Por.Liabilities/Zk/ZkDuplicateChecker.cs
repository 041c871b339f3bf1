// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Zk;

/// <summary>
/// The exact re-check behind <see cref="ZkAccountCollector.CollidingHashes"/>: re-reads the snapshot and compares the
/// full ids of the accounts whose id hash collides, rejecting a repeated id at its second place and naming the first.
/// It keeps only the colliding accounts' ids (none at all when no hash collides).
/// </summary>
internal sealed class ZkDuplicateChecker(HashSet<ulong> colliding, Func<ReadOnlySpan<byte>, ulong> idHash) : ISnapshotSink
{
    private readonly Dictionary<string, (string File, long Line)> _seen = new(StringComparer.Ordinal);

    public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
    {
        if (!colliding.Contains(idHash(accountId)))
        {
            return;
        }

        // Ids are valid UTF-8 (the readers check), so decoding is injective.
        var key = Encoding.UTF8.GetString(accountId);
        if (_seen.TryGetValue(key, out var first))
        {
            throw new InputException(file, line, "account_id", $"duplicate account id: already given at {first.File}:{first.Line}");
        }

        _seen.Add(key, (file, line));
    }
}
