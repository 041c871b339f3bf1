// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;

namespace Por.Liabilities.Zk;

/// <summary>A zk round's manifest: the public header, the tool and the bundle's file hashes (docs/formats.md §9.2).</summary>
/// <param name="Header">The round header.</param>
/// <param name="ToolVersion">The version of por that built the round (informational, not bound).</param>
/// <param name="Files">The public bundle files with their SHA-256 and size (never a private file).</param>
public sealed record ZkRoundManifest(ZkRoundHeader Header, string ToolVersion, IReadOnlyList<BundleFile> Files)
{
    /// <summary>The manifest's <c>mode</c> value.</summary>
    public const string Mode = RoundModes.ZkName;

    /// <summary>
    /// The format of a zk manifest (version 2: the published root commits to the header, <c>tree_root</c> added, no
    /// private file listed). Transparent manifests keep <see cref="Transparent.RoundManifest.FormatId"/>.
    /// </summary>
    public const string FormatId = RoundModes.ZkManifestFormat;
}
