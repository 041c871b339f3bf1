// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>The assembler published nothing: some batches have no proof that verifies (<see cref="Rejections"/>, by batch index).</summary>
public sealed class ZkAssemblyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="rejections">The rejected batches, in order.</param>
    public ZkAssemblyException(IReadOnlyList<ZkBatchRejection> rejections)
        : base(Describe(rejections))
    {
        Rejections = rejections;
    }

    /// <summary>Creates the exception.</summary>
    public ZkAssemblyException()
    {
        Rejections = [];
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">For people.</param>
    public ZkAssemblyException(string message)
        : base(message)
    {
        Rejections = [];
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">For people.</param>
    /// <param name="innerException">The cause.</param>
    public ZkAssemblyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Rejections = [];
    }

    /// <summary>The rejected batches.</summary>
    public IReadOnlyList<ZkBatchRejection> Rejections { get; }

    private static string Describe(IReadOnlyList<ZkBatchRejection> rejections)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        var first = rejections.Take(5).Select(r => r.Message);
        var more = rejections.Count > 5 ? $" (and {rejections.Count - 5} more)" : "";
        return $"{rejections.Count} batch(es) have no valid proof; re-prove them and assemble again: {string.Join("; ", first)}{more}";
    }
}
