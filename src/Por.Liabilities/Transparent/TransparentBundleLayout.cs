// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Transparent;

/// <summary>The files of a transparent round bundle besides the manifest (docs/formats.md §2).</summary>
public static class TransparentBundleLayout
{
    /// <summary>Every account leaf (auditor's copy; not public: it holds every balance).</summary>
    public const string Leaves = "store/leaves.bin";

    /// <summary>The tree's upper nodes (auditor's copy).</summary>
    public const string Nodes = "store/nodes.bin";

    /// <summary>The operator's private index of lookup keys and salts; never published.</summary>
    public const string Accounts = "private/accounts.bin";
}
