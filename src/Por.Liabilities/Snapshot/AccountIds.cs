// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Snapshot;

/// <summary>Rules for raw account ids: 1–256 bytes of UTF-8 without control characters.</summary>
public static class AccountIds
{
    /// <summary>The longest account id accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 256;

    /// <summary>Checks an id; returns why it is rejected, or null when it is acceptable.</summary>
    /// <param name="id">The id as UTF-8.</param>
    /// <returns>The reason, or null.</returns>
    public static string? Validate(ReadOnlySpan<byte> id)
    {
        if (id.IsEmpty)
        {
            return "empty account id";
        }

        if (id.Length > MaxBytes)
        {
            return $"account id longer than {MaxBytes} bytes";
        }

        foreach (var b in id)
        {
            if (b < 0x20 || b == 0x7F)
            {
                return "control character in account id";
            }
        }

        return null;
    }
}
