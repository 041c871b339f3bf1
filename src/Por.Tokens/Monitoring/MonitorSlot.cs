// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Tokens.Monitoring;

/// <summary>
/// One scheduled evaluation: the slot starting at <paramref name="Start"/> (a canonical-chain height that is a
/// multiple of N, or Unix seconds that are a multiple of N). Its key (<c>b:HEIGHT</c> or <c>t:UNIX_SECONDS</c>) is
/// unique per token in the history: a slot is evaluated and stored at most once.
/// </summary>
/// <param name="Kind">Blocks or seconds.</param>
/// <param name="Start">The slot's first height or second.</param>
public sealed record MonitorSlot(ScheduleKind Kind, long Start)
{
    /// <summary>The history key: <c>b:HEIGHT</c> or <c>t:UNIX_SECONDS</c>.</summary>
    public string Key => (Kind == ScheduleKind.Blocks ? "b:" : "t:") + Start.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a key written by <see cref="Key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="slot">The slot.</param>
    /// <returns>Whether the key is well formed.</returns>
    public static bool TryParse(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MonitorSlot? slot)
    {
        ArgumentNullException.ThrowIfNull(key);
        slot = null;
        if (key.Length < 3 || key[1] != ':' || (key[0] != 'b' && key[0] != 't')
            || !long.TryParse(key.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return false;
        }

        slot = new MonitorSlot(key[0] == 'b' ? ScheduleKind.Blocks : ScheduleKind.Seconds, start);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Key;
}
