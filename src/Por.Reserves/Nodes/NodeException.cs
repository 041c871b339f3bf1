// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Nodes;

/// <summary>A node failure with its kind; rows depending on the node fail with this message.</summary>
public sealed class NodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public NodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public NodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a kind.</summary>
    /// <param name="kind">The failure kind.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NodeException(NodeFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>The failure kind.</summary>
    public NodeFailureKind Kind { get; } = NodeFailureKind.Protocol;
}
