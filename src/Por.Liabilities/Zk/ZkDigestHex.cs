// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// The text form of a zk digest (4 Goldilocks elements) in por's JSON files: 64 lowercase hex digits, element 0 first,
/// each element as 16 big-endian hex digits (the same digits as the 0x… notation of docs/formats.md §8).
/// </summary>
public static class ZkDigestHex
{
    /// <summary>Characters of the text form.</summary>
    public const int Length = 64;

    /// <summary>Formats a digest.</summary>
    /// <param name="digest">4 elements.</param>
    /// <returns>64 hex digits.</returns>
    /// <exception cref="ArgumentException">The digest is not 4 elements.</exception>
    public static string Format(IReadOnlyList<Goldilocks> digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Count != 4)
        {
            throw new ArgumentException("A digest is 4 elements.", nameof(digest));
        }

        return string.Concat(digest.Select(e => e.Value.ToString("x16", CultureInfo.InvariantCulture)));
    }

    /// <summary>Parses exactly the form <see cref="Format"/> writes; every element must be canonical (&lt; p).</summary>
    /// <param name="text">The text.</param>
    /// <param name="digest">The digest when valid.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse(string text, out Goldilocks[] digest)
    {
        digest = [];
        if (text is not { Length: Length } || text.Any(c => c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f'))))
        {
            return false;
        }

        var result = new Goldilocks[4];
        for (var i = 0; i < 4; i++)
        {
            var value = ulong.Parse(text.AsSpan(16 * i, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (!Goldilocks.TryFromCanonical(value, out result[i]))
            {
                return false;
            }
        }

        digest = result;
        return true;
    }
}
