// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;

namespace Por.Verifier;

// The JSON shape both results share: status, failure code, round fields, amounts as decimal strings.
internal static class ResultJson
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static void WriteStatus(Utf8JsonWriter w, VerifierFailure failure, string message)
    {
        w.WriteString("status", failure == VerifierFailure.None ? "passed" : "failed");
        if (failure != VerifierFailure.None)
        {
            w.WriteString("failure_code", VerifierFailures.Code(failure));
            w.WriteString("failure", message);
        }
    }

    public static void WriteRound(Utf8JsonWriter w, VerifiedMode? mode, string? roundId, DateTimeOffset? time, string? root, string? parameterSet, int? batchCount)
    {
        if (mode is { } m)
        {
            w.WriteString("mode", m == VerifiedMode.Zk ? "zk" : "transparent");
        }

        if (roundId is not null)
        {
            w.WriteString("round_id", roundId);
        }

        if (time is { } t)
        {
            w.WriteString("snapshot_time", UtcTime.Format(t));
        }

        if (root is not null)
        {
            w.WriteString("root", root);
        }

        if (parameterSet is not null)
        {
            w.WriteString("parameter_set", parameterSet);
        }

        if (batchCount is { } b)
        {
            w.WriteNumber("batch_count", b);
        }
    }

    public static void WriteAmounts(Utf8JsonWriter w, string name, IReadOnlyList<AssetAmount> amounts)
    {
        w.WriteStartObject(name);
        foreach (var a in amounts)
        {
            w.WriteString(a.Symbol, a.ToString());
        }

        w.WriteEndObject();
    }
}
