// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Por.Common;

/// <summary>
/// Property names of the reserves files are snake_case since <c>por-reserves/2</c>, <c>por-reserves-registry/2</c>,
/// <c>por-nodes/3</c>, <c>por-reserves-result/3</c> and <c>por-reserves-challenge/2</c>; the previous versions used the
/// same names in camelCase (docs/formats.md "Conventions and migration"). Readers that still accept a previous version
/// look its names up through <see cref="Name"/>.
/// </summary>
public static class LegacyPropertyNames
{
    /// <summary>The name of a property in the current (snake_case) or the previous (camelCase) version of a file.</summary>
    /// <param name="snakeCase">The current name, e.g. <c>snapshot_block_hash</c>.</param>
    /// <param name="legacy">Whether the file is of the previous version.</param>
    /// <returns><paramref name="snakeCase"/>, or its camelCase form (<c>snapshotBlockHash</c>) when <paramref name="legacy"/>.</returns>
    public static string Name(string snakeCase, bool legacy) => legacy ? CamelCase(snakeCase) : snakeCase;

    /// <summary>The names of a property list in the current or the previous version.</summary>
    /// <param name="snakeCase">The current names.</param>
    /// <param name="legacy">Whether the file is of the previous version.</param>
    /// <returns>The names as they appear in the file.</returns>
    public static string[] Names(IEnumerable<string> snakeCase, bool legacy) => [.. snakeCase.Select(n => Name(n, legacy))];

    /// <summary>snake_case to camelCase: <c>retry_base_delay_ms</c> → <c>retryBaseDelayMs</c>.</summary>
    /// <param name="snakeCase">A snake_case name.</param>
    /// <returns>The camelCase name.</returns>
    public static string CamelCase(string snakeCase)
    {
        ArgumentNullException.ThrowIfNull(snakeCase);
        var name = new StringBuilder(snakeCase.Length);
        var upper = false;
        foreach (var c in snakeCase)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return name.ToString();
    }
}
