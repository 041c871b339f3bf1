// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;

namespace Por.Stark.Randomness;

/// <summary>The production source: the operating system CSPRNG (<see cref="RandomNumberGenerator"/>).</summary>
public sealed class OsRandomSource : IRandomSource
{
    /// <summary>The shared instance.</summary>
    public static OsRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public bool IsDeterministic => false;

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
