// SPDX-License-Identifier: Apache-2.0

using Por.Cli;
using Por.Testing;

namespace Por.IntegrationTests;

/// <summary>
/// Rounds built by <c>por round build</c> for the web verifier tests: a transparent round and another round's
/// manifest, a one-batch zk round (pol-v1-n8), each with the page the build writes; plus the recorded two-batch zk round
/// of 2026-12-06 (legacy ids) with its batch files and an inclusion file.
/// </summary>
public sealed class WebVerifierBundles : IDisposable
{
    private readonly TempDirectory _dir = new();

    public WebVerifierBundles()
    {
        var recorded = TestData.PathOf(Path.Combine("recorded", "2026-12-06"));
        var snapshot = Path.Combine(recorded, "snapshot-zk.csv");
        var assets = Path.Combine(recorded, "assets.csv");
        Transparent = _dir.File("transparent");
        Run("round", "build", "--snapshot", snapshot, "--assets", assets, "--out", Transparent, "--round-id", "2026-12", "--snapshot-time", "2026-12-01T00:00:00Z");
        Run("inclusion", "export", "--round", Transparent, "--account", "user-7", "--out", _dir.File("t-user-7.json"));
        TransparentInclusion = File.ReadAllBytes(_dir.File("t-user-7.json"));
        TransparentManifest = File.ReadAllBytes(Path.Combine(Transparent, "manifest.json"));
        var other = _dir.File("other");
        Run("round", "build", "--snapshot", snapshot, "--assets", assets, "--out", other, "--round-id", "2027-01", "--snapshot-time", "2027-01-01T00:00:00Z");
        OtherManifest = File.ReadAllBytes(Path.Combine(other, "manifest.json"));

        var small = _dir.Write("small.csv", "account_id,asset,amount\nalice,BTC,1.5\nbob,ETH,2\ncarol,USDT,1000000\n");
        Zk = _dir.File("zk");
        Run("round", "build", "--mode", "zk", "--parameter-set", "pol-v1-n8", "--snapshot", small, "--assets", assets, "--out", Zk, "--round-id", "2026-12-zk", "--snapshot-time", "2026-12-01T00:00:00Z");

        ZkInclusion = File.ReadAllBytes(Path.Combine(recorded, "zk-inclusion-user-7.json"));
        ZkManifest = File.ReadAllBytes(Path.Combine(recorded, "zk", "manifest.json"));
        ZkBatches = Directory.GetFiles(Path.Combine(recorded, "zk", "batches")).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        Page = Path.Combine(Transparent, "por-verify.html");
    }

    public string Transparent { get; }

    public string Zk { get; }

    /// <summary>The page as written into the transparent bundle.</summary>
    public string Page { get; }

    public byte[] TransparentInclusion { get; }

    public byte[] TransparentManifest { get; }

    public byte[] OtherManifest { get; }

    public byte[] ZkInclusion { get; }

    public byte[] ZkManifest { get; }

    public IReadOnlyList<(string Name, byte[] Bytes)> ZkBatches { get; }

    private static void Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        if (exit != 0)
        {
            throw new InvalidOperationException($"por {string.Join(' ', args)} exited {exit}: {stdout} {stderr}");
        }
    }

    public void Dispose() => _dir.Dispose();
}
