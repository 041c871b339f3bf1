// SPDX-License-Identifier: Apache-2.0

using Por.Crypto.Native;

namespace Por.Cli.Tests;

/// <summary>
/// Every command that loads libsecp256k1 or libsodium reports their absence as an environment error: exit 3, one
/// "environment error:" line naming the library (or a JSON error document with failure_code), no stack trace, and no
/// output written. The libraries are made to look absent through <see cref="NativeLibraryGate"/> in this test's flow
/// only.
/// </summary>
public sealed class NativeLibraryMissingTests(DemoDirectory demo) : IClassFixture<DemoDirectory>
{
    private static (int Exit, string Out, string Err) RunWithoutLibraries(params string[] args)
    {
        using (NativeLibraryGate.SimulateMissing())
        {
            return CliRunner.Run(args);
        }
    }

    private static void AssertEnvironmentError((int Exit, string Out, string Err) run)
    {
        Assert.Equal(3, run.Exit);
        var line = run.Err.TrimEnd('\n');
        Assert.DoesNotContain('\n', line);
        Assert.Contains("environment error: ", line, StringComparison.Ordinal);
        Assert.Matches("libsecp256k1 is not installed|libsodium is not installed", line);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    private static string Work() => Directory.CreateTempSubdirectory("por-nolib-").FullName;

    [Fact]
    public void Gate_OnlyThisFlow_LibrariesStillLoadOutsideIt()
    {
        using (NativeLibraryGate.SimulateMissing())
        {
            Assert.Throws<NativeLibraryUnavailableException>(Secp256k1.EnsureAvailable);
            Assert.Throws<NativeLibraryUnavailableException>(Ed25519.EnsureAvailable);
        }

        // The simulated failure is not cached in the lazy load.
        Secp256k1.EnsureAvailable();
        Ed25519.EnsureAvailable();
    }

    [Theory]
    [InlineData("transparent")]
    [InlineData("zk")]
    public void Demo_ExitThreeBeforeBuilding(string mode)
    {
        var dir = Path.Combine(Work(), "out");
        AssertEnvironmentError(RunWithoutLibraries("demo", "--mode", mode, "--accounts", "20", "--assets", "2", "--out", dir));
        Assert.False(Directory.Exists(Path.Combine(dir, "round")));
    }

    [Fact]
    public void ReservesVerify_ExitThree()
    {
        var run = RunWithoutLibraries("reserves", "verify", "--file", Path.Combine(demo.Path, "reserves.json"), "--registry", Path.Combine(demo.Path, "registry.json"));
        AssertEnvironmentError(run);
        Assert.StartsWith("error: environment error: libsecp256k1 is not installed", run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void ReservesVerify_Json_FailureCode()
    {
        var run = RunWithoutLibraries("reserves", "verify", "--file", Path.Combine(demo.Path, "reserves.json"), "--registry", Path.Combine(demo.Path, "registry.json"), "--json");
        Assert.Equal(3, run.Exit);
        var document = CliRunner.Json(run.Out);
        Assert.Equal("error", document.GetProperty("status").GetString());
        Assert.Equal(3, document.GetProperty("exit_code").GetInt32());
        Assert.Equal("native_library_unavailable", document.GetProperty("failure_code").GetString());
        Assert.StartsWith("environment error: lib", document.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("secp256k1")]
    public void AttestationKeygen_ExitThreeAndNoKeyWritten(string algorithm)
    {
        var work = Work();
        var run = RunWithoutLibraries("attestation", "keygen", "--algorithm", algorithm, "--name", "Audit", "--out", Path.Combine(work, "k.json"), "--public-out", Path.Combine(work, "k.pub.json"));
        AssertEnvironmentError(run);
        Assert.Empty(Directory.GetFiles(work));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("secp256k1")]
    public void Attest_ExitThreeAndNothingWritten(string algorithm)
    {
        var work = Work();
        var key = Path.Combine(work, "k.json");
        Assert.Equal(0, CliRunner.Run("attestation", "keygen", "--algorithm", algorithm, "--name", "Audit", "--out", key, "--public-out", Path.Combine(work, "k.pub.json")).Exit);
        var output = Path.Combine(work, "a.json");
        AssertEnvironmentError(RunWithoutLibraries("attest", "--round", Path.Combine(demo.Path, "round"), "--report", Path.Combine(demo.Path, "report", "report.json"), "--key", key, "--out", output));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void AttestationVerify_ExitThree()
    {
        // The honest demo attestation verifies with the libraries (exit 0) and is an environment error without them.
        string[] args = ["attestation", "verify", "--attestation", Path.Combine(demo.Path, "report", "attestation.json"), "--round", Path.Combine(demo.Path, "round"),
            "--report", Path.Combine(demo.Path, "report", "report.json"), "--auditor-key", Path.Combine(demo.Path, "auditor.pub.json")];
        Assert.Equal(0, CliRunner.Run(args).Exit);
        AssertEnvironmentError(RunWithoutLibraries(args));
        var json = RunWithoutLibraries([.. args, "--json"]);
        Assert.Equal(3, json.Exit);
        Assert.Equal("native_library_unavailable", CliRunner.Json(json.Out).GetProperty("failure_code").GetString());
    }

    [Fact]
    public void ReportWithAttestation_ExitThreeAndNothingWritten()
    {
        var output = Path.Combine(Work(), "report");
        AssertEnvironmentError(RunWithoutLibraries("report", "--round", Path.Combine(demo.Path, "round"), "--reserves", Path.Combine(demo.Path, "reserves-result.json"),
            "--reserves-key", Path.Combine(demo.Path, "auditor.pub.json"), "--prices", Path.Combine(demo.Path, "prices.csv"), "--attestation", Path.Combine(demo.Path, "report", "attestation.json"),
            "--auditor-key", Path.Combine(demo.Path, "auditor.pub.json"), "--out", output));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void ReportWithoutAttestation_ExitThreeAndNothingWritten()
    {
        // The report checks the reserves result's signature before reading it, so it needs the libraries too.
        var output = Path.Combine(Work(), "report");
        AssertEnvironmentError(RunWithoutLibraries("report", "--round", Path.Combine(demo.Path, "round"), "--reserves", Path.Combine(demo.Path, "reserves-result.json"),
            "--reserves-key", Path.Combine(demo.Path, "auditor.pub.json"), "--prices", Path.Combine(demo.Path, "prices.csv"), "--out", output));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void RoundAndInclusionVerify_NeedNoNativeLibrary()
    {
        // The liabilities side (SHA-256, Poseidon2, STARK verification) is managed code: a customer can verify without
        // the libraries.
        Assert.Equal(0, RunWithoutLibraries("round", "verify", "--round", Path.Combine(demo.Path, "round")).Exit);
        Assert.Equal(0, RunWithoutLibraries("inclusion", "verify", "--inclusion", Path.Combine(demo.Path, "inclusion.json"), "--manifest", Path.Combine(demo.Path, "round", "manifest.json")).Exit);
    }

    [Fact]
    public void CommandRunner_FailureInsideParallelWork_ExitThree()
    {
        // Signature checks run in Parallel.For, which wraps the failure in an AggregateException.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code;
        using (NativeLibraryGate.SimulateMissing())
        {
            code = Infrastructure.CommandRunner.Run(new Infrastructure.CliContext(stdout, stderr, json: false), _ =>
            {
                Parallel.For(0, 4, _ => Secp256k1.EnsureAvailable());
                return 0;
            });
        }

        Assert.Equal(3, code);
        Assert.StartsWith("error: environment error: libsecp256k1 is not installed", stderr.ToString(), StringComparison.Ordinal);
    }
}
