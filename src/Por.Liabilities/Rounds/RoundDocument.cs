// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>Which kind of public document a format id belongs to.</summary>
public enum RoundDocument
{
    /// <summary>A bundle's manifest.json.</summary>
    Manifest,

    /// <summary>A customer's inclusion file.</summary>
    Inclusion,
}
