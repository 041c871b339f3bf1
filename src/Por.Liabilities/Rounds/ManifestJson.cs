// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Common;

namespace Por.Liabilities.Rounds;

/// <summary>
/// The parts of manifest.json both modes write and read the same way (formats.md §6 and §9.1): opening the file, the
/// format check, the <c>tool</c> object and the <c>files</c> list. Each mode adds its own header fields.
/// </summary>
public static class ManifestJson
{
    /// <summary>Parses a manifest file strictly (the caller disposes the document).</summary>
    /// <param name="path">The manifest file.</param>
    /// <returns>The document.</returns>
    /// <exception cref="InputException">Missing or not strict JSON.</exception>
    public static JsonDocument Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "file not found");
        }

        return StrictJson.Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Writes the <c>tool</c> object and the <c>files</c> list.</summary>
    /// <param name="w">The writer, inside the manifest object.</param>
    /// <param name="toolVersion">The version of por that wrote the bundle.</param>
    /// <param name="files">The listed files, in order.</param>
    public static void WriteToolAndFiles(Utf8JsonWriter w, string toolVersion, IReadOnlyList<BundleFile> files)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(files);
        w.WriteStartObject("tool");
        w.WriteString("name", "por");
        w.WriteString("version", toolVersion);
        w.WriteEndObject();
        w.WriteStartArray("files");
        foreach (var f in files)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteString("sha256", f.Sha256);
            w.WriteNumber("bytes", f.Bytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Reads the <c>tool</c> object's version and the <c>files</c> list strictly.</summary>
    /// <param name="root">The manifest object.</param>
    /// <param name="path">The file, for errors.</param>
    /// <returns>The tool version and the files.</returns>
    /// <exception cref="InputException">A malformed field (named).</exception>
    public static (string ToolVersion, List<BundleFile> Files) ReadToolAndFiles(JsonElement root, string path)
    {
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

        return (version, files);
    }
}
