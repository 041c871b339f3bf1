// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Tests;

/// <summary>One small <c>por demo</c> run shared by a test class.</summary>
public sealed class DemoDirectory : IDisposable
{
    public DemoDirectory()
    {
        Path = Directory.CreateTempSubdirectory("por-cli-demo-").FullName;
        var (exit, stdout, stderr) = CliRunner.Run("demo", "--accounts", "300", "--assets", "6", "--out", Path);
        if (exit != 0)
        {
            throw new InvalidOperationException($"por demo exited {exit}: {stdout} {stderr}");
        }

        Text = stdout;
    }

    public string Path { get; }

    public string Text { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
