// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Cluster;
using Por.Liabilities.Zk;
using Por.Stark.Proving;

namespace Por.IntegrationTests.Cluster;

/// <summary>
/// A stand-in workload for the engine tests: a "unit" is random bytes, its "proof" is HMAC-SHA256(unit key, unit), so
/// a worker can produce a proof that checks only with the unit key it was handed, and the coordinator's check is exact.
/// The real workload (plan units and STARK proofs) runs in ClusterProcessTests.
/// </summary>
internal sealed class MacRound : IClusterRound
{
    private readonly byte[][] _units;
    private readonly byte[][] _keys;

    public MacRound(int batches)
    {
        _units = [.. Enumerable.Range(0, batches).Select(_ => RandomNumberGenerator.GetBytes(64))];
        _keys = [.. Enumerable.Range(0, batches).Select(_ => RandomNumberGenerator.GetBytes(32))];
    }

    public ZkParameterSet Parameters => ZkParameterSet.Test;

    public int BatchCount => _units.Length;

    public byte[] PublicPlan => "mac-round"u8.ToArray();

    public byte[] EncryptedUnit(int batchIndex) => _units[batchIndex];

    public byte[] UnitKey(int batchIndex) => [.. _keys[batchIndex]];

    public string? Check(int batchIndex, byte[] proof) =>
        CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_keys[batchIndex], _units[batchIndex]), proof) ? null : "the MAC does not verify";

    /// <summary>The honest prover, optionally corrupting its proofs (test-only cheating worker).</summary>
    internal sealed class Prover(bool corrupt, TimeSpan delay) : IUnitProver
    {
        private int _proven;

        public int Proven => Volatile.Read(ref _proven);

        public byte[] Prove(byte[] publicPlan, int batchIndex, byte[] encryptedUnit, byte[] unitKey, IProgress<ProverPhase> phases)
        {
            phases.Report(ProverPhase.LowDegreeExtension);
            Thread.Sleep(delay);
            phases.Report(ProverPhase.Queries);
            byte[] mac = HMACSHA256.HashData(unitKey, encryptedUnit);
            if (corrupt)
            {
                mac[0] ^= 1;
            }

            Interlocked.Increment(ref _proven);
            return mac;
        }
    }
}
