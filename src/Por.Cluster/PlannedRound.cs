// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Common;
using Por.Liabilities.Zk;

namespace Por.Cluster;

/// <summary>
/// A planned round (docs/distributed.md, "Plan") as the coordinator serves it: the operator's own plan copy and header
/// from the private directory (checked against each other and the chain openings by <see cref="ZkRoundAssembler.ReadPrivate"/>),
/// the sealed units from the plan directory (each checked against the SHA-256 the plan lists), per-batch keys derived
/// from the round key (the round key itself never leaves this process), and the assembler's per-batch check.
/// </summary>
public sealed class PlannedRound : IClusterRound, IDisposable
{
    private readonly string _planDirectory;
    private readonly byte[] _roundKey;
    private readonly UInt128[] _totals;
    private readonly bool _allowTestParameters;

    /// <summary>Reads a plan.</summary>
    /// <param name="planDirectory">The shared plan directory (its units are read).</param>
    /// <param name="privateDirectory">The operator's private directory (plan copy, header, round key).</param>
    /// <param name="allowTestParameters">Tests only: accept a test-only parameter set.</param>
    /// <exception cref="InputException">The private directory is not a plan's, or its files contradict each other.</exception>
    public PlannedRound(string planDirectory, string privateDirectory, bool allowTestParameters)
    {
        ArgumentNullException.ThrowIfNull(privateDirectory);
        (Plan, Header) = ZkRoundAssembler.ReadPrivate(privateDirectory);
        _planDirectory = planDirectory;
        _allowTestParameters = allowTestParameters;
        string keyPath = Path.Combine(privateDirectory, ZkRoundPlanner.UnitKeyPath);
        _roundKey = File.Exists(keyPath) ? File.ReadAllBytes(keyPath) : throw new InputException(keyPath, 0, "", "missing: the round key of the plan");
        if (_roundKey.Length != ZkUnitCipher.KeyLength)
        {
            throw new InputException(keyPath, 0, "", "expected a 32-byte round key");
        }

        _totals = [.. Header.Totals.Select(t => (UInt128)t)];
        Parameters = ZkParameterSet.Find(Plan.ParameterSetId) is { } set && (!set.IsTestOnly || allowTestParameters)
            ? set
            : throw new InputException(Path.Combine(privateDirectory, ZkRoundPlanner.PlanCopyPath), 0, "parameter_set", $"'{Plan.ParameterSetId}' is for tests only (or unknown)");
        PublicPlan = ZkRoundPlanJson.Serialize(Plan);
    }

    /// <summary>The operator's plan.</summary>
    public ZkRoundPlan Plan { get; }

    /// <summary>The header the bundle will publish.</summary>
    public ZkRoundHeader Header { get; }

    /// <inheritdoc/>
    public ZkParameterSet Parameters { get; }

    /// <inheritdoc/>
    public int BatchCount => Plan.BatchCount;

    /// <inheritdoc/>
    public byte[] PublicPlan { get; }

    /// <inheritdoc/>
    public byte[] EncryptedUnit(int batchIndex)
    {
        string path = Path.Combine(_planDirectory, ZkPlanLayout.UnitDirectory, ZkPlanLayout.UnitFileName(batchIndex));
        byte[] bytes = File.Exists(path) ? File.ReadAllBytes(path) : throw new InputException(path, 0, "", "missing: the work unit of batch " + batchIndex);
        return SHA256.HashData(bytes).AsSpan().SequenceEqual(Plan.Batches[batchIndex].UnitSha256)
            ? bytes
            : throw new InputException(path, 0, "", $"not the work unit the plan lists for batch {batchIndex} (SHA-256 differs)");
    }

    /// <inheritdoc/>
    public byte[] UnitKey(int batchIndex) => ZkUnitCipher.BatchKey(_roundKey, Plan.PlanId, batchIndex);

    /// <inheritdoc/>
    public string? Check(int batchIndex, byte[] proof)
    {
        var check = ZkRoundAssembler.CheckProof(Plan, batchIndex, proof, _totals, _allowTestParameters);
        return check.IsValid ? null : check.Message;
    }

    /// <inheritdoc/>
    public void Dispose() => CryptographicOperations.ZeroMemory(_roundKey);
}
