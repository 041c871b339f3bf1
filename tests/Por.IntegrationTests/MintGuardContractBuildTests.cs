// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;

namespace Por.IntegrationTests;

/// <summary>The committed contracts/*.json are exactly what solc (pinned in tools/package.json) makes of contracts/*.sol.</summary>
public sealed class MintGuardContractBuildTests
{
    private static readonly string s_solc = Path.Combine(RepositoryPaths.Root, "tools", "node_modules", "solc", "package.json");

    [Fact]
    public async Task CommittedBytecode_MatchesAFreshCompilationOfTheSources()
    {
        var (code, output) = await CompileAsync("--check");
        Assert.True(code == 0, output);
        Assert.Contains("2 contracts match their sources", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PorSecureMint.sol", "BASIS_POINTS = 10_000", "BASIS_POINTS = 10_001", "PorGuardedToken.json: differs")]
    [InlineData("PorReserveFeed.sol", "if (answer <= 0)", "if (answer < 0)", "PorReserveFeed.json: differs")]
    public async Task Check_FailsWhenASourceNoLongerMatchesItsCommittedBytecode(string file, string from, string to, string expected)
    {
        var copy = Directory.CreateTempSubdirectory("por-contracts-").FullName;
        try
        {
            foreach (var source in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "contracts")))
            {
                File.Copy(source, Path.Combine(copy, Path.GetFileName(source)));
            }

            var (unchanged, _) = await CompileAsync("--check", "--dir", copy);
            Assert.Equal(0, unchanged);
            var path = Path.Combine(copy, file);
            var text = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
            Assert.Contains(from, text, StringComparison.Ordinal);
            await File.WriteAllTextAsync(path, text.Replace(from, to, StringComparison.Ordinal), TestContext.Current.CancellationToken);
            var (code, output) = await CompileAsync("--check", "--dir", copy);
            Assert.Equal(1, code);
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task Check_FailsWhenACompiledContractIsMissing()
    {
        var copy = Directory.CreateTempSubdirectory("por-contracts-").FullName;
        try
        {
            foreach (var source in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "contracts"), "*.sol"))
            {
                File.Copy(source, Path.Combine(copy, Path.GetFileName(source)));
            }

            var (code, output) = await CompileAsync("--check", "--dir", copy);
            Assert.Equal(1, code);
            Assert.Contains("PorReserveFeed.json: missing", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static async Task<(int Code, string Output)> CompileAsync(params string[] arguments)
    {
        if (!File.Exists(s_solc))
        {
            RequiredTool.Missing($"solc-js not found at {s_solc}: run `npm ci --prefix tools --ignore-scripts`");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "contracts", "compile.js"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = Path.Combine(RepositoryPaths.Root, "tools", "node_modules");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }
}
