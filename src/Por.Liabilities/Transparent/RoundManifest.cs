// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;

namespace Por.Liabilities.Transparent;

/// <summary>A round's manifest: the public header, the mode, the tree depth, the tool and the bundle's file hashes.</summary>
/// <param name="Header">The round header (bound by the root).</param>
/// <param name="Mode">The liabilities mode ("transparent").</param>
/// <param name="TreeDepth">The tree depth.</param>
/// <param name="ToolVersion">The version of por that built the round (informational, not bound).</param>
/// <param name="Files">The bundle files with their SHA-256.</param>
public sealed record RoundManifest(RoundHeader Header, string Mode, int TreeDepth, string ToolVersion, IReadOnlyList<BundleFile> Files)
{
    /// <summary>The format id this version writes and reads.</summary>
    public const string FormatId = RoundModes.TransparentManifestFormat;

    /// <summary>The transparent Merkle sum tree mode.</summary>
    public const string TransparentMode = RoundModes.TransparentName;
}
