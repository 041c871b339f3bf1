// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Core.Common;
using Por.Core.Rounds.Zk;
using Por.Core.Snapshot;

namespace Por.Core.Rounds;

/// <summary>
/// Reads the <c>format</c> and <c>mode</c> of a manifest or inclusion file, so commands can dispatch to the
/// transparent or the zk reader; each reader then checks the whole file strictly.
/// </summary>
public static class RoundModes
{
    /// <summary>The modes this version reads.</summary>
    public static IReadOnlyList<string> Known { get; } = [RoundManifest.TransparentMode, ZkRoundManifest.Mode];

    /// <summary>
    /// Reads the mode of a JSON file whose <c>format</c> must be <paramref name="formatId"/> (the transparent mode's id:
    /// <see cref="RoundManifest.FormatId"/> or <see cref="Liabilities.Transparent.InclusionProof.FormatId"/>) for a
    /// transparent file, or its zk counterpart (<see cref="ZkRoundManifest.FormatId"/>, <see cref="ZkInclusionFile.FormatId"/>)
    /// for a zk file.
    /// </summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="file">The file name, for errors.</param>
    /// <param name="formatId">The expected transparent format id.</param>
    /// <returns>One of <see cref="Known"/>.</returns>
    /// <exception cref="InputException">Malformed JSON, another format or an unknown mode.</exception>
    public static string Read(byte[] bytes, string file, string formatId)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var doc = StrictJson.Parse(bytes, file);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out _) || !root.TryGetProperty("mode", out _))
        {
            throw new InputException(file, 0, "", "expected an object with 'format' and 'mode'");
        }

        var format = StrictJson.String(root, "format", file, "");
        var mode = StrictJson.String(root, "mode", file, "");
        if (!Known.Contains(mode, StringComparer.Ordinal))
        {
            throw new InputException(file, 0, "mode", $"unsupported mode '{mode}'");
        }

        var expected = string.Equals(mode, ZkRoundManifest.Mode, StringComparison.Ordinal) ? ZkFormatOf(formatId) : formatId;
        if (!string.Equals(format, expected, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "format", $"unsupported format: this verifier reads {expected} for mode '{mode}'");
        }

        return mode;
    }

    /// <summary>Reads the mode of a round manifest file.</summary>
    /// <param name="path">The manifest path.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="InputException">The file is missing or malformed.</exception>
    public static string ReadManifest(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "file not found");
        }

        return Read(File.ReadAllBytes(path), path, RoundManifest.FormatId);
    }

    private static string ZkFormatOf(string formatId) =>
        string.Equals(formatId, RoundManifest.FormatId, StringComparison.Ordinal) ? ZkRoundManifest.FormatId
        : string.Equals(formatId, Liabilities.Transparent.InclusionProof.FormatId, StringComparison.Ordinal) ? ZkInclusionFile.FormatId
        : formatId;

    /// <summary>Checks that a parsed document has the given mode (and its format is known).</summary>
    internal static void Expect(JsonElement root, string file, string mode)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("mode", out var m) || m.ValueKind != JsonValueKind.String)
        {
            throw new InputException(file, 0, "mode", "missing");
        }

        if (!string.Equals(m.GetString(), mode, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "mode", $"expected '{mode}'");
        }
    }
}
