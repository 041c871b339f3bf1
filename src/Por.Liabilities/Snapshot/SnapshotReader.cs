// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Liabilities.Snapshot;

/// <summary>Streams a snapshot file (or an OKX directory) into an <see cref="ISnapshotSink"/>, one account at a time.</summary>
public static class SnapshotReader
{
    /// <summary>Reads <paramref name="path"/> in the given format.</summary>
    /// <param name="path">A CSV, JSON Lines or OKX JSON file, or a directory of OKX JSON files.</param>
    /// <param name="format">The layout, or <see cref="SnapshotFormat.Auto"/> to choose by extension and header.</param>
    /// <param name="assets">The round's asset list.</param>
    /// <param name="sink">Receives every account.</param>
    /// <exception cref="InputException">The input is malformed; the message names the file, line and field.</exception>
    public static void Read(string path, SnapshotFormat format, AssetTable assets, ISnapshotSink sink)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(sink);
        if (format == SnapshotFormat.Auto)
        {
            format = Detect(path);
        }

        if (format == SnapshotFormat.OkxV2)
        {
            OkxSnapshotReader.ReadPath(path, assets, sink);
            return;
        }

        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "file not found");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        if (stream.Length == 0)
        {
            throw new InputException(path, 0, "", "empty file");
        }

        switch (format)
        {
            case SnapshotFormat.JsonLines:
                JsonLinesSnapshotReader.Read(stream, path, assets, sink);
                break;
            default:
                CsvSnapshotReader.Read(stream, path, format, assets, sink);
                break;
        }
    }

    /// <summary>Chooses a layout from the path: a directory or <c>.json</c> is OKX v2, <c>.jsonl</c>/<c>.ndjson</c> JSON Lines, anything else CSV.</summary>
    /// <param name="path">The input path.</param>
    /// <returns>The detected layout (CSV long/wide is settled by the header).</returns>
    public static SnapshotFormat Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return SnapshotFormat.OkxV2;
        }

        var ext = Path.GetExtension(path).ToUpperInvariant();
        return ext switch
        {
            ".JSON" => SnapshotFormat.OkxV2,
            ".JSONL" or ".NDJSON" => SnapshotFormat.JsonLines,
            _ => SnapshotFormat.Auto,
        };
    }
}
