// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Transparent;

/// <summary>Reads and writes <c>manifest.json</c> (docs/formats.md §6).</summary>
public static class RoundManifestJson
{
    /// <summary>Serializes a manifest (UTF-8 JSON, indented, with a final newline).</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Serialize(RoundManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", RoundManifest.FormatId);
            w.WriteString("mode", manifest.Mode);
            RoundHeaderJson.Write(w, manifest.Header);
            w.WriteNumber("tree_depth", manifest.TreeDepth);
            ManifestJson.WriteToolAndFiles(w, manifest.ToolVersion, manifest.Files);
            w.WriteEndObject();
        }

        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    /// <summary>Reads a manifest strictly: unknown, missing or repeated fields and unknown versions are rejected.</summary>
    /// <param name="path">The manifest file.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InputException">The file is malformed; the message names the field.</exception>
    public static RoundManifest Read(string path)
    {
        using var doc = ManifestJson.Open(path);
        return Read(doc.RootElement, path);
    }

    /// <summary>Reads a manifest from its bytes, as strictly as <see cref="Read(string)"/>.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="file">The file name, for errors.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InputException">The file is malformed; the message names the field.</exception>
    public static RoundManifest Parse(byte[] bytes, string file)
    {
        using var doc = RoundDocumentJson.Parse(bytes, file);
        return Read(doc.RootElement, file);
    }

    private static RoundManifest Read(JsonElement root, string path)
    {
        StrictJson.ExpectObject(root, path, "", ["format", "mode", .. RoundHeaderJson.Properties, "tree_depth", "tool", "files"]);
        RoundDocumentJson.ExpectFormat(root, path, RoundManifest.FormatId);

        var mode = StrictJson.String(root, "mode", path, "");
        if (!string.Equals(mode, RoundManifest.TransparentMode, StringComparison.Ordinal))
        {
            throw new InputException(path, 0, "mode", $"unsupported mode '{mode}'");
        }

        var header = RoundHeaderJson.Read(root, path);
        var depth = (int)StrictJson.Integer(root, "tree_depth", path, "", 0, SumTreeHashing.MaxDepth);
        if (depth != SumTreeHashing.DepthFor(header.AccountCount))
        {
            throw new InputException(path, 0, "tree_depth", $"does not match account_count (expected {SumTreeHashing.DepthFor(header.AccountCount)})");
        }

        var (version, files) = ManifestJson.ReadToolAndFiles(root, path);

        return new RoundManifest(header, mode, depth, version, files);
    }
}
