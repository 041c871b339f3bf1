// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>A batch the assembler could not accept; re-prove it and assemble again.</summary>
/// <param name="BatchIndex">b.</param>
/// <param name="Reason">Why.</param>
/// <param name="Message">For people.</param>
public sealed record ZkBatchRejection(int BatchIndex, ZkAssemblyFailure Reason, string Message);
