// SPDX-License-Identifier: Apache-2.0

namespace Por.Cluster;

/// <summary>A cluster run failed: a batch used up its attempts (every proof for it was rejected or never came).</summary>
public sealed class ClusterRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterRunException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why.</param>
    public ClusterRunException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The cause.</param>
    public ClusterRunException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
