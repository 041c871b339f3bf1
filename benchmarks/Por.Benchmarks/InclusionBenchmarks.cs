// SPDX-License-Identifier: Apache-2.0

using BenchmarkDotNet.Attributes;
using Por.Cli.Demo;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;

namespace Por.Benchmarks;

/// <summary>The customer's check of one inclusion file (parse + verify), on a 1,000,000-account, 22-asset round.</summary>
[MemoryDiagnoser]
public class InclusionBenchmarks
{
    private string _work = "";
    private byte[] _file = [];
    private RoundHeader _published = null!;

    [GlobalSetup]
    public void Setup()
    {
        _work = Directory.CreateTempSubdirectory("por-inclusion-bench-").FullName;
        var assets = SyntheticExchange.Assets(22);
        var snapshot = Path.Combine(_work, "s.csv");
        SyntheticExchange.WriteSnapshot(assets, 1_000_000, 7, snapshot);
        var bundle = Path.Combine(_work, "round");
        RoundBuilder.Build(new RoundBuildOptions(snapshot, SnapshotFormat.Auto, assets, "bench", DateTimeOffset.FromUnixTimeSeconds(1_790_000_000), bundle));
        _published = RoundManifestJson.Read(Path.Combine(bundle, BundleLayout.Manifest)).Header;
        _file = InclusionProofJson.Serialize(InclusionExporter.Export(bundle, "user-0000000000-0")!);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_work, true);

    [Benchmark]
    public bool ParseAndVerify() => InclusionVerifier.Verify(InclusionProofJson.Parse(_file, "inclusion.json"), _published).IsValid;
}
