// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Liabilities.Tests.Zk;
using Por.Liabilities.Zk;
using Por.Stark.Field;
using Por.Stark.Randomness;

namespace Por.Liabilities.Tests.Compatibility;

/// <summary>
/// Liabilities batch proofs made with fixed randomness (prover randomness and chain blindings) are pinned byte for
/// byte, recorded before the 2026-12 restructuring: refactoring the AIR layout or the prover must not change them.
/// </summary>
public sealed class DeterministicLiabilitiesProofTests
{
    [Fact]
    public void FinalBatch_TestParameters_ByteIdentical()
    {
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = Fixed(batchIndex: 0, batchCount: 1, incoming: null);
        AssertDigest("4e26659ba66a2377bda7448468bf76d3c06ed70628cafaa0d01968abe52e55dd", statement, air, witness);
    }

    [Fact]
    public void MiddleBatch_TestParameters_ByteIdentical()
    {
        var incoming = new ZkChainOpening([1000, 2000, 3000], [.. Enumerable.Range(1, ZkAccountEncoding.DigestSize).Select(i => new Goldilocks((ulong)i * 77))]);
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = Fixed(batchIndex: 1, batchCount: 3, incoming);
        AssertDigest("3e15cc195bcb6cbe9a2d1a6d4250314ae8fd0d8e40d0255f26ea47d91488e665", statement, air, witness);
    }

    private static (ZkBatchStatement, LiabilitiesAir, ZkBatchWitness) Fixed(int batchIndex, int batchCount, ZkChainOpening? incoming)
    {
        // A full batch: padding accounts are drawn from the OS CSPRNG, so a pinned proof needs none.
        ZkParameterSet parameters = ZkParameterSet.Test;
        List<ZkAccount> accounts = ZkTestBatch.Accounts();
        for (int i = accounts.Count; i < parameters.AccountsPerBatch; i++)
        {
            accounts.Add(ZkTestBatch.Account($"user-{i}", [new((ushort)(i % ZkTestBatch.AssetCount), (ulong)i * 1_000_000_007)]));
        }

        (ZkBatchStatement prepared, LiabilitiesAir preparedAir, _) = ZkBatchProver.Prepare(
            parameters, ZkTestBatch.Context(5), batchIndex, batchCount, ZkTestBatch.AssetCount, accounts, incoming);
        Goldilocks[] blinding = [.. Enumerable.Range(1, ZkAccountEncoding.DigestSize).Select(i => new Goldilocks((ulong)i * 1_000_003))];
        ZkBatchWitness witness = LiabilitiesTraceBuilder.Build(accounts, preparedAir, incoming ?? ZkChainOpening.Zero(ZkTestBatch.AssetCount), blinding);
        bool isFinal = batchIndex == batchCount - 1;
        ZkBatchStatement statement = prepared with { Root = witness.Root, ChainOut = isFinal ? [] : witness.Outgoing.Commit() };
        return (statement, new LiabilitiesAir(statement, parameters.TraceLength, parameters.Options.RandomRows), witness);
    }

    private static void AssertDigest(string expected, ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness)
    {
        byte[] proof = ZkBatchProver.Prove(ZkParameterSet.Test, air, witness, new DeterministicRandomSource([3, 1, 4, 1, 5]));
        Assert.True(ZkBatchVerifier.Verify(statement, proof, allowTestParameters: true).IsValid);
        string actual = Convert.ToHexStringLower(SHA256.HashData(proof));
        Assert.True(expected == actual, $"proof digest changed: {actual}");
    }
}
