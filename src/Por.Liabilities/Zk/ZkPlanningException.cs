// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>
/// A zk round does not fit a parameter set (or any set of the ladder). <see cref="Reason"/> names the real cause and
/// <see cref="AccountIndex"/> the account at fault (in the order the planner was given), so that the caller can point
/// at its file and line; the message says the same in words.
/// </summary>
public sealed class ZkPlanningException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">The cause.</param>
    /// <param name="accountIndex">The account at fault (for <see cref="ZkPlanningFailure.AccountTooLarge"/>), else null.</param>
    /// <param name="message">The cause in words.</param>
    public ZkPlanningException(ZkPlanningFailure reason, int? accountIndex, string message)
        : base(message)
    {
        Reason = reason;
        AccountIndex = accountIndex;
    }

    /// <summary>Creates an exception (prefer the form with a reason).</summary>
    public ZkPlanningException()
        : this(ZkPlanningFailure.NoAccounts, null, "the round cannot be planned")
    {
    }

    /// <summary>Creates an exception (prefer the form with a reason).</summary>
    /// <param name="message">The cause in words.</param>
    public ZkPlanningException(string message)
        : this(ZkPlanningFailure.NoAccounts, null, message)
    {
    }

    /// <summary>Creates an exception (prefer the form with a reason).</summary>
    /// <param name="message">The cause in words.</param>
    /// <param name="innerException">The cause.</param>
    public ZkPlanningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The cause.</summary>
    public ZkPlanningFailure Reason { get; }

    /// <summary>The index of the account at fault (<see cref="ZkPlanningFailure.AccountTooLarge"/>), else null.</summary>
    public int? AccountIndex { get; }
}
