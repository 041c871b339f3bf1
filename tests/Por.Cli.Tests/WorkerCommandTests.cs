// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Cli.Commands;
using Por.Cli.Infrastructure;
using Por.Cluster;
using Por.Testing;

namespace Por.Cli.Tests;

/// <summary><c>por worker keygen</c>, and what the release binaries (built without Por.Cluster) answer for the cluster commands.</summary>
public sealed class WorkerCommandTests
{
    [Fact]
    public void Unavailable_InAReleaseBinary_IsExit3_NamingTheToolBuild()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var ctx = new CliContext(stdout, stderr, json: true);
        Assert.Equal(ExitCodes.EnvironmentError, WorkerCommand.Unavailable(ctx));
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("cluster_unavailable", doc.RootElement.GetProperty("failure_code").GetString());
        Assert.Contains("dotnet tool install Por.Cli", doc.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);

        using var text = new StringWriter();
        Assert.Equal(ExitCodes.EnvironmentError, WorkerCommand.Unavailable(new CliContext(TextWriter.Null, text, json: false)));
        Assert.StartsWith("error: distributed proving (por worker, por round coordinate) is not in this release binary", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Keygen_WritesAPrivateKeyFile_PrintsItsPublicKey_AndRefusesToOverwrite()
    {
        Assert.True(WorkerCommand.Available);
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "worker.key");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, Program.Run(["worker", "keygen", "--out", path], stdout, stderr));
        using (var key = WorkerKey.Read(path))
        {
            Assert.Equal(key.PublicKeyHex, stdout.ToString().Trim());
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        byte[] before = File.ReadAllBytes(path);
        Assert.Equal(ExitCodes.EnvironmentError, Program.Run(["worker", "keygen", "--out", path], TextWriter.Null, TextWriter.Null));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void Worker_WithoutADatabase_IsBadInput_NamingTheOption()
    {
        using var stdout = new StringWriter();
        Assert.Equal(ExitCodes.InvalidInput, Program.Run(["worker", "--json"], stdout, TextWriter.Null));
        Assert.Contains("--db", stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("4097")]
    public void Worker_ThreadsOutOfRange_IsBadInput_NamingTheOption(string threads)
    {
        using var dir = new TempDirectory();
        string key = Path.Combine(dir.Path, "worker.key");
        Assert.Equal(0, Program.Run(["worker", "keygen", "--out", key], TextWriter.Null, TextWriter.Null));
        using var stdout = new StringWriter();
        Assert.Equal(ExitCodes.InvalidInput, Program.Run(["worker", "--json", "--db", "Host=127.0.0.1;Port=1;Database=none", "--key", key, "--threads", threads], stdout, TextWriter.Null));
        Assert.Contains("--threads", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_ThreadsNotANumber_IsBadInput()
    {
        Assert.Equal(ExitCodes.InvalidInput, Program.Run(["worker", "--db", "x", "--threads", "two"], TextWriter.Null, TextWriter.Null));
    }
}
