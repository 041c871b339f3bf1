// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>The header of the private openings file: what the openings were made for.</summary>
/// <param name="ParameterSetId">The parameter set (fixes N).</param>
/// <param name="ContextDigest">The round context digest.</param>
/// <param name="BatchCount">B.</param>
/// <param name="AccountsPerBatch">N: leaves per batch, padding included.</param>
/// <param name="AssetCount">A.</param>
public sealed record ZkOpeningsHeader(string ParameterSetId, byte[] ContextDigest, int BatchCount, int AccountsPerBatch, int AssetCount);
