// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Registry;

/// <summary>A parsed <c>por-token-registry/1</c> file (docs/token-por.md §2): chains with their nodes, and tokens.</summary>
/// <param name="File">The file it was read from (for errors and for resolving relative paths).</param>
/// <param name="Chains">The chains by name.</param>
/// <param name="Tokens">The tokens, in file order.</param>
public sealed record TokenRegistry(string File, IReadOnlyDictionary<string, TokenChain> Chains, IReadOnlyList<TokenDefinition> Tokens)
{
    /// <summary>The format id.</summary>
    public const string FormatVersion = "por-token-registry/1";

    /// <summary>The token with id <paramref name="id"/>, or null.</summary>
    /// <param name="id">The token id.</param>
    /// <returns>The token, or null when the registry has none with that id.</returns>
    public TokenDefinition? Token(string id) => Tokens.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
}
