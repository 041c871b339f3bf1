// SPDX-License-Identifier: Apache-2.0

using System.Globalization;

namespace Por.Liabilities.Zk;

/// <summary>
/// The files of a distributed round (docs/distributed.md): the shared plan directory (plan, encrypted units, returned
/// proofs; safe to put on shared storage) and the operator's private directory (openings, chain openings, unit key,
/// the round header to publish).
/// </summary>
public static class ZkPlanLayout
{
    /// <summary>The plan file in the shared directory (<c>por-round-plan/1</c>).</summary>
    public const string PlanFile = "plan.json";

    /// <summary>The directory of the encrypted work units in the shared directory.</summary>
    public const string UnitDirectory = "units";

    /// <summary>The directory of the returned proofs in the shared directory.</summary>
    public const string ProofDirectory = "proofs";

    /// <summary>The operator's openings file inside the private directory (docs/formats.md §9.3).</summary>
    public const string Openings = "zk-openings.bin";

    /// <summary>The chain openings (S_b, r_b) inside the private directory, one file per batch.</summary>
    public const string ChainOpenings = "chain";

    /// <summary>The 32-byte round unit key inside the private directory (0600); workers get it as a secret.</summary>
    public const string UnitKey = "unit.key";

    /// <summary>The round header to publish (round id, time, assets, totals, roots) inside the private directory.</summary>
    public const string Header = "header.json";

    /// <summary>The encrypted unit of batch b inside <see cref="UnitDirectory"/>.</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The file name.</returns>
    public static string UnitFileName(int batchIndex) => string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex:D5}.unit");

    /// <summary>The content-addressed proof file of batch b inside <see cref="ProofDirectory"/>.</summary>
    /// <param name="batchIndex">b.</param>
    /// <param name="sha256Hex">SHA-256 of the proof bytes, 64 lowercase hex digits.</param>
    /// <returns>The file name <c>batch-bbbbb.&lt;sha256&gt;.proof</c>.</returns>
    public static string ProofFileName(int batchIndex, string sha256Hex) => string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex:D5}.{sha256Hex}.proof");

    /// <summary>The search pattern of batch b's proof files inside <see cref="ProofDirectory"/>.</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The pattern.</returns>
    public static string ProofPattern(int batchIndex) => string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex:D5}.*.proof");
}
