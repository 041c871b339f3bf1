// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Por.Common;

namespace Por.Liabilities.Rounds;

/// <summary>
/// The names and format ids of the round modes, in one place: a manifest or inclusion file names its mode, and each
/// mode has exactly one format id per document (formats.md §6 and §9). Writers emit the <c>por-&lt;name&gt;/&lt;n&gt;</c>
/// ids; readers also accept the legacy dotted ids of earlier releases (<c>por.round/1</c>, …), which name the same
/// content (formats.md "Conventions and migration"). No format id is hashed into a root, proof or signature.
/// </summary>
public static class RoundModes
{
    /// <summary>The transparent mode's name in files.</summary>
    public const string TransparentName = "transparent";

    /// <summary>The zk mode's name in files.</summary>
    public const string ZkName = "zk";

    /// <summary>The transparent manifest format.</summary>
    public const string TransparentManifestFormat = "por-round/1";

    /// <summary>The zk manifest format.</summary>
    public const string ZkManifestFormat = "por-round/2";

    /// <summary>The transparent inclusion file format.</summary>
    public const string TransparentInclusionFormat = "por-inclusion/1";

    /// <summary>The zk inclusion file format.</summary>
    public const string ZkInclusionFormat = "por-inclusion/2";

    /// <summary>The legacy (dotted) id of <see cref="TransparentManifestFormat"/>, still read.</summary>
    public const string LegacyTransparentManifestFormat = "por.round/1";

    /// <summary>The legacy (dotted) id of <see cref="ZkManifestFormat"/>, still read.</summary>
    public const string LegacyZkManifestFormat = "por.round/2";

    /// <summary>The legacy (dotted) id of <see cref="TransparentInclusionFormat"/>, still read.</summary>
    public const string LegacyTransparentInclusionFormat = "por.inclusion/1";

    /// <summary>The legacy (dotted) id of <see cref="ZkInclusionFormat"/>, still read.</summary>
    public const string LegacyZkInclusionFormat = "por.inclusion/2";

    /// <summary>Every mode's name, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [TransparentName, ZkName];

    /// <summary>The mode's name in files.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>"transparent" or "zk".</returns>
    public static string Name(this RoundMode mode) => mode switch
    {
        RoundMode.Transparent => TransparentName,
        RoundMode.Zk => ZkName,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>The format id of a document of this mode.</summary>
    /// <param name="mode">The mode.</param>
    /// <param name="document">Manifest or inclusion file.</param>
    /// <returns>The format id.</returns>
    public static string FormatId(this RoundMode mode, RoundDocument document) => (mode, document) switch
    {
        (RoundMode.Transparent, RoundDocument.Manifest) => TransparentManifestFormat,
        (RoundMode.Zk, RoundDocument.Manifest) => ZkManifestFormat,
        (RoundMode.Transparent, RoundDocument.Inclusion) => TransparentInclusionFormat,
        (RoundMode.Zk, RoundDocument.Inclusion) => ZkInclusionFormat,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    /// <summary>
    /// The current format id a file's <c>format</c> names: a legacy dotted id (<c>por.round/1</c>, <c>por.round/2</c>,
    /// <c>por.inclusion/1</c>, <c>por.inclusion/2</c>) maps to its dash form, any other id is returned unchanged.
    /// </summary>
    /// <param name="format">The id as written in a file.</param>
    /// <returns>The current id.</returns>
    public static string Canonical(string format) => format switch
    {
        LegacyTransparentManifestFormat => TransparentManifestFormat,
        LegacyZkManifestFormat => ZkManifestFormat,
        LegacyTransparentInclusionFormat => TransparentInclusionFormat,
        LegacyZkInclusionFormat => ZkInclusionFormat,
        _ => format,
    };

    /// <summary>Parses a mode name.</summary>
    /// <param name="name">"transparent" or "zk" (ordinal).</param>
    /// <param name="mode">The mode.</param>
    /// <returns>Whether the name is a known mode.</returns>
    public static bool TryParse([NotNullWhen(true)] string? name, out RoundMode mode)
    {
        switch (name)
        {
            case TransparentName:
                mode = RoundMode.Transparent;
                return true;
            case ZkName:
                mode = RoundMode.Zk;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    /// <summary>
    /// Reads the mode of a manifest or inclusion file and checks its format id is the one this verifier reads for that
    /// mode and document.
    /// </summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="file">The file name, for errors.</param>
    /// <param name="document">Which document the file must be.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="InputException">Not an object with a known mode and its format.</exception>
    public static RoundMode Read(byte[] bytes, string file, RoundDocument document)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var doc = StrictJson.Parse(bytes, file);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out _) || !root.TryGetProperty("mode", out _))
        {
            throw new InputException(file, 0, "", "expected an object with 'format' and 'mode'");
        }

        var format = StrictJson.String(root, "format", file, "");
        var name = StrictJson.String(root, "mode", file, "");
        if (!TryParse(name, out var mode))
        {
            throw new InputException(file, 0, "mode", $"unsupported mode '{name}'");
        }

        var expected = mode.FormatId(document);
        if (!string.Equals(Canonical(format), expected, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "format", $"unsupported format: this verifier reads {expected} for mode '{name}'");
        }

        return mode;
    }

    /// <summary>Reads the mode of a bundle's manifest file.</summary>
    /// <param name="path">The manifest path.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="InputException">Missing, or not a manifest of a known mode.</exception>
    public static RoundMode ReadManifest(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "file not found");
        }

        return Read(File.ReadAllBytes(path), path, RoundDocument.Manifest);
    }

    /// <summary>Requires a document's "mode" to be <paramref name="mode"/>.</summary>
    internal static void Expect(JsonElement root, string file, RoundMode mode)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("mode", out var m) || m.ValueKind != JsonValueKind.String)
        {
            throw new InputException(file, 0, "mode", "missing");
        }

        if (!string.Equals(m.GetString(), mode.Name(), StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "mode", $"expected '{mode.Name()}'");
        }
    }
}
