// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Ownership;

/// <summary>Classification of <see cref="OwnershipFailure"/> members.</summary>
public static class OwnershipFailureExtensions
{
    /// <summary>
    /// True when the verifier cannot decide rather than the proof being wrong: the proof uses something this verifier does
    /// not interpret. Such a row still fails (fail closed); the distinction is only reported.
    /// </summary>
    /// <param name="failure">The failure.</param>
    /// <returns>Whether the failure is inconclusive.</returns>
    public static bool IsInconclusive(this OwnershipFailure failure) =>
        failure is OwnershipFailure.UnsupportedAddressType or OwnershipFailure.UnsupportedProof or OwnershipFailure.UnsupportedScript or OwnershipFailure.NotChecked;
}
