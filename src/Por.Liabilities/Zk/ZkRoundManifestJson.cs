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
            w.WriteStartObject("tool");
            w.WriteString("name", "por");
            w.WriteString("version", manifest.ToolVersion);
            w.WriteEndObject();
            w.WriteStartArray("files");
            foreach (var f in manifest.Files)
            {
                w.WriteStartObject();
                w.WriteString("path", f.Path);
                w.WriteString("sha256", f.Sha256);
                w.WriteNumber("bytes", f.Bytes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
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
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "file not found");
        }

        using var doc = StrictJson.Parse(File.ReadAllBytes(path), path);
        var root = doc.RootElement;
        RoundModes.Expect(root, path, RoundMode.Zk);
        StrictJson.ExpectObject(root, path, "", ["format", "mode", .. ZkRoundHeaderJson.Properties, "tool", "files"]);
        if (!string.Equals(StrictJson.String(root, "format", path, ""), ZkRoundManifest.FormatId, StringComparison.Ordinal))
        {
            throw new InputException(path, 0, "format", $"unsupported format: this verifier reads {ZkRoundManifest.FormatId}");
        }

        var header = ZkRoundHeaderJson.Read(root, path);
        var tool = root.GetProperty("tool");
        StrictJson.ExpectObject(tool, path, "tool", ["name", "version"]);
        var version = StrictJson.String(tool, "version", path, "tool");
        var files = new List<BundleFile>();
        var i = 0;
        foreach (var f in StrictJson.Array(root, "files", path, "").EnumerateArray())
        {
            var p = $"files[{i++}]";
            StrictJson.ExpectObject(f, path, p, ["path", "sha256", "bytes"]);
            var rel = StrictJson.String(f, "path", path, p);
            var hash = Convert.ToHexStringLower(StrictJson.Hex(f, "sha256", 32, path, p));
            files.Add(new BundleFile(rel, hash, StrictJson.Integer(f, "bytes", path, p, 0, long.MaxValue)));
        }

        return new ZkRoundManifest(header, version, files);
    }
}
