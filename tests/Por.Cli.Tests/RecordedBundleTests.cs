// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Tests;

/// <summary>
/// Bundles and inclusion files recorded by the released tool (testdata/recorded/2026-12-06, made before the
/// restructuring into per-area projects) must keep verifying: formats are a promise to auditors and customers. A copy
/// with one byte changed must not, so these tests can fail.
/// </summary>
public sealed class RecordedBundleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("por-recorded-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    public static TheoryData<string, string> Recorded => new()
    {
        { "transparent", "PASS: all 40 leaves" },
        { "zk", "PASS: all 2 batch proofs verify" },
    };

    [Theory]
    [MemberData(nameof(Recorded))]
    public void RecordedBundle_StillVerifies(string mode, string pass)
    {
        (int exit, string output, _) = CliRunner.Run("round", "verify", "--round", Path.Combine(Root, mode));
        Assert.Equal(0, exit);
        Assert.Contains(pass, output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Recorded))]
    public void RecordedInclusionFile_StillVerifies(string mode, string pass)
    {
        _ = pass;
        (int exit, string output, _) = CliRunner.Run(
            "inclusion", "verify", "--inclusion", Path.Combine(Root, $"{mode}-inclusion-user-7.json"), "--manifest", Path.Combine(Root, mode, "manifest.json"));
        Assert.Equal(0, exit);
        Assert.Contains("PASS", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Recorded))]
    public void RecordedBundle_ExportsAgainFromItsPrivateFiles(string mode, string pass)
    {
        _ = pass;
        string bundle = Copy(mode);
        string file = Path.Combine(_dir, "again.json");
        Assert.Equal(0, CliRunner.Run("inclusion", "export", "--round", bundle, "--account", "user-23", "--out", file).Exit);
        Assert.Equal(0, CliRunner.Run("inclusion", "verify", "--inclusion", file, "--manifest", Path.Combine(bundle, "manifest.json")).Exit);
    }

    [Theory]
    [InlineData("transparent", "store/leaves.bin")]
    [InlineData("zk", "batches/batch-00001.proof")]
    public void RecordedBundle_OneByteChanged_Fails(string mode, string file)
    {
        string bundle = Copy(mode);
        string path = Path.Combine(bundle, file);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(path, bytes);
        Assert.Equal(1, CliRunner.Run("round", "verify", "--round", bundle).Exit);
        var json = CliRunner.Json(CliRunner.Run("round", "verify", "--round", bundle, "--json").Out);
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Equal("file_digest_mismatch", json.GetProperty("failure_code").GetString());
    }

    private static string Root => Path.Combine(RepositoryRoot(), "testdata", "recorded", "2026-12-06");

    private string Copy(string mode)
    {
        string target = Path.Combine(_dir, mode);
        foreach (string source in Directory.EnumerateFiles(Path.Combine(Root, mode), "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(Path.Combine(Root, mode), source));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination);
        }

        return target;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "testdata", "recorded")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("testdata/recorded not found above " + AppContext.BaseDirectory);
    }
}
