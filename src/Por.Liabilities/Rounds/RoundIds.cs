// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>The rule every round id follows, in either mode.</summary>
public static class RoundIds
{
    /// <summary>Checks a round id; returns why it is rejected, or null.</summary>
    /// <param name="roundId">The candidate.</param>
    /// <returns>The reason, or null.</returns>
    public static string? Validate(string roundId)
    {
        ArgumentNullException.ThrowIfNull(roundId);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(roundId);
        if (bytes is 0 or > 128)
        {
            return "round id must be 1–128 bytes";
        }

        return roundId.Any(char.IsControl) ? "round id contains a control character" : null;
    }
}
