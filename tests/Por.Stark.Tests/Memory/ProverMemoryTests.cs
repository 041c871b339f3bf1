// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Memory;
using Por.Stark.Proving;
using Por.Stark.Tests.Proving;

namespace Por.Stark.Tests.Memory;

[Collection(nameof(ProverMemoryTestGroup))]
public sealed class ProverMemoryTests
{
    // Two million elements: above the pool's 1 MiB threshold, and a length no prover array in the other tests has.
    private const int PooledLength = (1 << 21) + 3;

    [Fact]
    public void Rent_InsideScope_GetsReturnedArrayBack()
    {
        using (ProverMemory.Retain())
        {
            Goldilocks[] first = LargeArrays.Rent<Goldilocks>(PooledLength);
            LargeArrays.Return(first);
            Assert.True(ProverMemory.RetainedBytes >= PooledLength * 8L);
            Goldilocks[] second = LargeArrays.Rent<Goldilocks>(PooledLength);
            Assert.Same(first, second);
        }
    }

    [Fact]
    public void Return_OutsideScope_DoesNotPool()
    {
        Goldilocks[] first = LargeArrays.Rent<Goldilocks>(PooledLength + 2);
        LargeArrays.Return(first);
        Goldilocks[] second = LargeArrays.Rent<Goldilocks>(PooledLength + 2);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void LastScopeClosing_EmptiesPool_AndNestedScopesKeepIt()
    {
        Goldilocks[] array;
        using (ProverMemory.Retain())
        {
            using (ProverMemory.Retain())
            {
                array = LargeArrays.Rent<Goldilocks>(PooledLength + 4);
                LargeArrays.Return(array);
            }

            // The outer scope is still open: the array is still pooled.
            Assert.Same(array, LargeArrays.Rent<Goldilocks>(PooledLength + 4));
            LargeArrays.Return(array);
        }

        Assert.Equal(0, ProverMemory.RetainedBytes);
        Assert.NotSame(array, LargeArrays.Rent<Goldilocks>(PooledLength + 4));
    }

    [Fact]
    public void Return_SmallArray_IsNotPooled()
    {
        using (ProverMemory.Retain())
        {
            Goldilocks[] small = LargeArrays.Rent<Goldilocks>(1000);
            LargeArrays.Return(small);
            Assert.NotSame(small, LargeArrays.Rent<Goldilocks>(1000));
        }
    }

    [Fact]
    public void ConsecutiveProofs_ReusingArrays_AllVerify_()
    {
        // 2^15 rows at blowup 8: LDE columns of 2 MiB, so every phase's arrays go through the pool. Proofs of two
        // different statements alternate inside one scope; each must verify, and a stale array reused without being
        // fully overwritten would break one of them.
        using (ProverMemory.Retain())
        {
            for (int round = 0; round < 2; round++)
            {
                foreach (int n in new[] { 1 << 15, 1 << 14 })
                {
                    (var air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small, n);
                    byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
                    trace.Release();
                    Assert.True(ProofFixtures.Verify(air, proof).IsValid);
                }
            }

            Assert.True(ProverMemory.RetainedBytes > 0);
        }

        Assert.Equal(0, ProverMemory.RetainedBytes);
    }

    [Fact]
    public void Prove_ConsumingTrace_DropsColumns_AndProofVerifies()
    {
        (var air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small, 1 << 10);
        byte[] proof = StarkProver.Prove(air, trace, auxBuilder: null, TestOptions.Small, randomSource: null, consumeTrace: true);
        Assert.True(ProofFixtures.Verify(air, proof).IsValid);
        Assert.Equal(0, trace.GetColumn(0).Length);
    }

    [Fact]
    public void Prove_NotConsumingTrace_KeepsColumns()
    {
        (var air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small, 1 << 10);
        Goldilocks[] before = trace.GetColumn(1).ToArray();
        _ = StarkProver.Prove(air, trace, TestOptions.Small);
        Assert.Equal(before, trace.GetColumn(1).ToArray());
    }
}
