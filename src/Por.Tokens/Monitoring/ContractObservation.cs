// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>A value read from a contract at an evaluation, compared with the previous evaluation's.</summary>
/// <param name="Chain">The chain.</param>
/// <param name="Contract">The contract (lower-case hex).</param>
/// <param name="Property"><c>decimals</c> or <c>owner</c>.</param>
/// <param name="Value">The value: a decimal number, a lower-case address, or <c>none</c> when the contract has no such function.</param>
public sealed record ContractObservation(string Chain, string Contract, string Property, string Value)
{
    /// <summary>The value of a contract without the function (the call reverted).</summary>
    public const string None = "none";

    /// <summary>The key of the observed value: <c>chain/contract property</c>.</summary>
    public string Key => $"{Chain}/{Contract} {Property}";
}
