// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Zk;

/// <summary>Reads and writes a zk round's <c>manifest.json</c> (docs/formats.md §9.2).</summary>
public static class ZkRoundManifestJson
{
    /// <summary>Serializes a manifest (UTF-8 JSON, indented, final newline).</summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Serialize(ZkRoundManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", ZkRoundManifest.FormatId);
            w.WriteString("mode", ZkRoundManifest.Mode);
            ZkRoundHeaderJson.Write(w, manifest.Header);
            ManifestJson.WriteToolAndFiles(w, manifest.ToolVersion, manifest.Files);
            w.WriteEndObject();
        }

        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    /// <summary>Reads a zk manifest strictly: unknown, missing or repeated fields, other modes and unknown parameter sets are rejected.</summary>
    /// <param name="path">The manifest file.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InputException">The file is malformed; the message names the field.</exception>
    public static ZkRoundManifest Read(string path)
    {
        using var doc = ManifestJson.Open(path);
        return Read(doc.RootElement, path);
    }

    /// <summary>Reads a zk manifest from its bytes, as strictly as <see cref="Read(string)"/>.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="file">The file name, for errors.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InputException">The file is malformed; the message names the field.</exception>
    public static ZkRoundManifest Parse(byte[] bytes, string file)
    {
        using var doc = RoundDocumentJson.Parse(bytes, file);
        return Read(doc.RootElement, file);
    }

    private static ZkRoundManifest Read(JsonElement root, string path)
    {
        RoundModes.Expect(root, path, RoundMode.Zk);
        StrictJson.ExpectObject(root, path, "", ["format", "mode", .. ZkRoundHeaderJson.Properties, "tool", "files"]);
        RoundDocumentJson.ExpectFormat(root, path, ZkRoundManifest.FormatId);

        var header = ZkRoundHeaderJson.Read(root, path);
        var (version, files) = ManifestJson.ReadToolAndFiles(root, path);

        return new ZkRoundManifest(header, version, files);
    }
}
