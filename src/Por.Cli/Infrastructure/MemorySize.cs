// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Cli.Infrastructure;

/// <summary>Reads a memory size as operators write it: a number and a binary unit (B, KiB, MiB, GiB, TiB).</summary>
internal static class MemorySize
{
    private static readonly (string Unit, long Bytes)[] s_units =
    [
        ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("B", 1),
    ];

    /// <summary>Parses <paramref name="text"/> (e.g. <c>12GiB</c>, <c>1.5 TiB</c>, <c>8192MiB</c>, <c>1000000B</c>).</summary>
    /// <param name="text">The size.</param>
    /// <param name="bytes">The whole bytes it denotes (rounded down), at least 1.</param>
    /// <returns>Whether it is a positive size with one of the units, within range.</returns>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        foreach ((string unit, long scale) in s_units)
        {
            if (!trimmed.EndsWith(unit, StringComparison.Ordinal))
            {
                continue;
            }

            var number = trimmed[..^unit.Length].TrimEnd();
            if (number.Length == 0 || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            if (value > long.MaxValue / (decimal)scale)
            {
                return false;
            }

            decimal total = value * scale;
            if (total < 1 || total > long.MaxValue)
            {
                return false;
            }

            bytes = (long)decimal.Floor(total);
            return true;
        }

        return false;
    }
}
