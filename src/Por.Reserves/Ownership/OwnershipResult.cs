// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Ownership;

/// <summary>The result of an ownership check: a status, a human-readable reason and notes about accepted leniencies.</summary>
/// <param name="Status">Valid, invalid or inconclusive.</param>
/// <param name="Reason">Why the check failed, or what was proven.</param>
/// <param name="Notes">Policy notes recorded on success (e.g. an Electrum-style header on a segwit address).</param>
public sealed record OwnershipResult(OwnershipStatus Status, string Reason, IReadOnlyList<string> Notes)
{
    /// <summary>True only for <see cref="OwnershipStatus.Valid"/>.</summary>
    public bool IsValid => Status == OwnershipStatus.Valid;

    /// <summary>A successful check.</summary>
    /// <param name="reason">What was proven.</param>
    /// <param name="notes">Recorded leniencies.</param>
    /// <returns>The result.</returns>
    public static OwnershipResult Valid(string reason, params string[] notes) => new(OwnershipStatus.Valid, reason, notes);

    /// <summary>A failed check.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static OwnershipResult Invalid(string reason) => new(OwnershipStatus.Invalid, reason, []);

    /// <summary>A check this verifier cannot decide; counts as a failure.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static OwnershipResult Inconclusive(string reason) => new(OwnershipStatus.Inconclusive, reason, []);
}
