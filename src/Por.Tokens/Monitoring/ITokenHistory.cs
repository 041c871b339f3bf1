// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.Monitoring;

/// <summary>
/// The monitor's history (implemented in Por.Storage on SQLite or PostgreSQL). Implementations are safe to call from
/// several threads.
/// </summary>
public interface ITokenHistory
{
    /// <summary>Where a restarted monitor continues for a token.</summary>
    /// <param name="tokenId">The token.</param>
    /// <returns>The resume point (an empty one for a new token).</returns>
    ResumePoint ReadResumePoint(string tokenId);

    /// <summary>Stores one slot's evaluation, observations, mints, scan heights, alerts and conditions in one transaction.</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="record">The record.</param>
    /// <returns>False when the slot was already stored (nothing is written): a slot is stored exactly once.</returns>
    bool Record(string tokenId, MonitorRecord record);

    /// <summary>The amounts of the token's stored mints with a block time in [<paramref name="from"/>, <paramref name="until"/>] (blocks can share a second).</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="from">The window's start.</param>
    /// <param name="until">The window's end (included).</param>
    /// <returns>The amounts.</returns>
    IReadOnlyList<BigInteger> MintAmounts(string tokenId, DateTimeOffset from, DateTimeOffset until);

    /// <summary>The latest stored evaluation of a token, or null.</summary>
    /// <param name="tokenId">The token.</param>
    /// <returns>The evaluation.</returns>
    StoredEvaluation? Latest(string tokenId);

    /// <summary>The alerts not yet delivered to the webhook, oldest first.</summary>
    /// <returns>The alerts.</returns>
    IReadOnlyList<PendingAlert> PendingAlerts();

    /// <summary>Marks an alert as delivered, or as failed after every retry.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="delivered">Delivered (true) or given up (false).</param>
    void MarkDelivery(PendingAlert alert, bool delivered);
}
