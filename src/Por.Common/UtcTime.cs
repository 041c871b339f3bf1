// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Common;

/// <summary>The one time format of por's files: UTC, whole seconds, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
public static class UtcTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Formats a time.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Parses exactly the format <see cref="Format"/> writes.</summary>
    /// <param name="text">The text.</param>
    /// <param name="time">The time when valid.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
