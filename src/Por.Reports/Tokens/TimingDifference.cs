// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports.Tokens;

/// <summary>How far one piece of evidence's own clock is from the measurement point.</summary>
/// <param name="Source">What was observed (<c>supply CHAIN/CONTRACT</c>, <c>reserve SOURCE</c>, <c>asset SOURCE: TYPE</c>).</param>
/// <param name="ObservedAt">The evidence's own time, or null when it has none.</param>
/// <param name="SecondsBefore">Measurement point − observed time in seconds (negative: observed after it), or null.</param>
public sealed record TimingDifference(string Source, DateTimeOffset? ObservedAt, long? SecondsBefore)
{
    /// <summary>The difference for people: "12 min 5 s before the measurement point", "at the measurement point", "no clock of its own".</summary>
    public string Note => SecondsBefore switch
    {
        null => "no clock of its own",
        0 => "at the measurement point",
        > 0 and var s => $"{Duration(s)} before the measurement point",
        var s => $"{Duration(-s!.Value)} after the measurement point",
    };

    private static string Duration(long seconds)
    {
        var d = seconds / 86_400;
        var h = seconds % 86_400 / 3600;
        var m = seconds % 3600 / 60;
        var s = seconds % 60;
        return d > 0 ? $"{d} d {h} h {m} min" : h > 0 ? $"{h} h {m} min {s} s" : m > 0 ? $"{m} min {s} s" : $"{s} s";
    }
}
