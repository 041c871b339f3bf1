// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports;

/// <summary>How a PoR practice scores: pass 2 points, partial 1, fail and unknown 0.</summary>
public enum RubricStatus
{
    /// <summary>The practice is met.</summary>
    Pass,

    /// <summary>Partly met.</summary>
    Partial,

    /// <summary>Not met.</summary>
    Fail,

    /// <summary>Cannot be judged from the inputs.</summary>
    Unknown,
}
