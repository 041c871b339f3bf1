// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>An encrypted work unit was refused; <see cref="Reason"/> says why and <see cref="BatchIndex"/> which batch.</summary>
public sealed class ZkUnitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="batchIndex">The batch the unit was opened for.</param>
    /// <param name="message">For people.</param>
    public ZkUnitException(ZkUnitFailure reason, int batchIndex, string message)
        : base(message)
    {
        Reason = reason;
        BatchIndex = batchIndex;
    }

    /// <summary>Creates the exception (serialization-style constructors are not used).</summary>
    public ZkUnitException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">For people.</param>
    public ZkUnitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">For people.</param>
    /// <param name="innerException">The cause.</param>
    public ZkUnitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the unit was refused.</summary>
    public ZkUnitFailure Reason { get; }

    /// <summary>The batch index b.</summary>
    public int BatchIndex { get; }
}
