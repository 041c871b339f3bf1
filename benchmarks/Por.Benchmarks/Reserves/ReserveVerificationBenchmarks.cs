// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Reserves;
using Por.Reserves.Nodes;

namespace Por.Benchmarks.Reserves;

/// <summary>Per-row verification cost: 2,000 mixed rows (BIP-137, BIP-322 P2TR, EIP-191, TRON v2, Solana v0) per operation.</summary>
[MemoryDiagnoser]
public class ReserveVerificationBenchmarks
{
    private ReserveDeclaration _declaration = null!;
    private Dictionary<string, IChainBalanceReader> _nodes = null!;

    [Params(2000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _declaration = ReserveWorkload.Build(Rows);
        _nodes = ReserveWorkload.Nodes(_declaration);
    }

    [Benchmark]
    public async Task<ReserveVerificationResult> VerifyDeclaration() =>
        await new ReserveVerifier(ReserveWorkload.Registry, _nodes, new ReserveVerifierOptions()).VerifyAsync(_declaration, CancellationToken.None).ConfigureAwait(false);
}
