// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>
/// What every round bundle directory has, whatever its mode: the manifest, which names the mode. Each mode owns the
/// rest of its paths (<see cref="Transparent.TransparentBundleLayout"/>, <see cref="Zk.ZkBundleLayout"/>).
/// </summary>
public static class BundleLayout
{
    /// <summary>The public manifest.</summary>
    public const string Manifest = "manifest.json";
}
