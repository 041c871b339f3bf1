// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Tokens.Model;

namespace Por.Tokens.Registry;

/// <summary>Dispatches each reserve source to the reader of its kind; an unknown kind is bad input.</summary>
public sealed class ReserveSourceReaders : IReserveSourceReader
{
    private readonly Dictionary<string, IReserveSourceReader> _byKind = new(StringComparer.Ordinal);

    /// <summary>Creates a dispatcher over <paramref name="readers"/>.</summary>
    /// <param name="readers">The readers; no two may read the same kind.</param>
    /// <exception cref="ArgumentException">Two readers claim one kind.</exception>
    public ReserveSourceReaders(IEnumerable<IReserveSourceReader> readers)
    {
        ArgumentNullException.ThrowIfNull(readers);
        foreach (var reader in readers)
        {
            foreach (var kind in reader.Kinds)
            {
                if (!_byKind.TryAdd(kind, reader))
                {
                    throw new ArgumentException($"two readers for reserve source kind '{kind}'", nameof(readers));
                }
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    /// <inheritdoc/>
    public void Validate(ReserveSource source, TokenRegistry registry, TokenDefinition token)
    {
        ArgumentNullException.ThrowIfNull(source);
        ReaderOf(source).Validate(source, registry, token);
    }

    /// <inheritdoc/>
    public Task<ReserveEvidence> ReadAsync(ReserveSource source, ReserveReadContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return ReaderOf(source).ReadAsync(source, context, cancellationToken);
    }

    private IReserveSourceReader ReaderOf(ReserveSource source) =>
        _byKind.TryGetValue(source.Kind, out var reader)
            ? reader
            : throw new InputException(source.File, source.Line, source.Path + ".kind",
                $"unknown reserve source kind '{source.Kind}' ({(_byKind.Count == 0 ? "none is available in this build" : string.Join(", ", _byKind.Keys.Order(StringComparer.Ordinal)))})");
}
