// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Common;

namespace Por.Tokens.Monitoring;

/// <summary>The webhook body of one alert, <c>por-token-alert/1</c> (docs/token-por.md, "Monitor").</summary>
public static class AlertJson
{
    /// <summary>The format id.</summary>
    public const string Format = "por-token-alert/1";

    /// <summary>The alert's id: <c>TOKEN/SLOT/SEQUENCE</c>, the same on every delivery attempt (receivers dedupe by it).</summary>
    /// <param name="pending">The stored alert.</param>
    /// <returns>The id.</returns>
    public static string Id(PendingAlert pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return string.Create(CultureInfo.InvariantCulture, $"{pending.Alert.TokenId}/{pending.Alert.Slot}/{pending.Sequence}");
    }

    /// <summary>Writes the body.</summary>
    /// <param name="pending">The stored alert.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Write(PendingAlert pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var a = pending.Alert;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("id", Id(pending));
            w.WriteString("token", a.TokenId);
            w.WriteString("slot", a.Slot);
            w.WriteString("kind", AlertRules.Code(a.Kind));
            w.WriteString("state", AlertRules.Code(a.State));
            w.WriteString("subject", a.Subject);
            w.WriteString("message", a.Message);
            w.WriteString("at", UtcTime.Format(a.At));
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
