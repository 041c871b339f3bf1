// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Ownership;

/// <summary>The result of an ownership check: the first failing check, a human-readable message and notes about accepted
/// leniencies.</summary>
/// <param name="Failure">The first failing check, or <see cref="OwnershipFailure.None"/>.</param>
/// <param name="Message">Why the check failed, or what was proven.</param>
/// <param name="Notes">Policy notes recorded on success (e.g. an Electrum-style header on a segwit address).</param>
public sealed record OwnershipResult(OwnershipFailure Failure, string Message, IReadOnlyList<string> Notes)
{
    /// <summary>True when ownership is proven.</summary>
    public bool IsValid => Failure == OwnershipFailure.None;

    /// <summary>The coarse status derived from <see cref="Failure"/> (the "ownership" field of the result JSON).</summary>
    public OwnershipStatus Status =>
        IsValid ? OwnershipStatus.Valid : Failure.IsInconclusive() ? OwnershipStatus.Inconclusive : OwnershipStatus.Invalid;

    /// <summary>A successful check.</summary>
    /// <param name="message">What was proven.</param>
    /// <param name="notes">Recorded leniencies.</param>
    /// <returns>The result.</returns>
    public static OwnershipResult Valid(string message, params string[] notes) => new(OwnershipFailure.None, message, notes);

    /// <summary>A failed check.</summary>
    /// <param name="failure">Which check failed; not <see cref="OwnershipFailure.None"/>.</param>
    /// <param name="message">Why.</param>
    /// <returns>The result.</returns>
    public static OwnershipResult Fail(OwnershipFailure failure, string message)
    {
        // A failure without a reason would count as valid: that is a bug in the caller, not a verdict.
        if (failure == OwnershipFailure.None)
        {
            throw new ArgumentOutOfRangeException(nameof(failure), "a failed check needs a failure member");
        }

        return new(failure, message, []);
    }
}
