// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Ownership;

/// <summary>Coarse outcome of one ownership check, derived from <see cref="OwnershipFailure"/>. Only
/// <see cref="Valid"/> counts toward verified reserves.</summary>
public enum OwnershipStatus
{
    /// <summary>The signature(s) prove control of the address for this message.</summary>
    Valid,

    /// <summary>The proof is wrong: bad signature, wrong key, wrong address, malformed input.</summary>
    Invalid,

    /// <summary>The proof uses a script or scheme this verifier cannot interpret
    /// (<see cref="OwnershipFailureExtensions.IsInconclusive"/>); treated as a failure.</summary>
    Inconclusive,
}
