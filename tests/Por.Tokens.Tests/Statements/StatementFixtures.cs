// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Por.Common;
using Por.Tokens.Statements;

namespace Por.Tokens.Tests.Statements;

/// <summary>Statements for the tests, and the independent implementation (scripts/vectors/reserve-statement.js) run with node.</summary>
internal static class StatementFixtures
{
    public static readonly DateTimeOffset AsOf = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    public static ReserveStatement Unsigned() => new()
    {
        Issuer = "Example Trust Co.",
        Token = "usdx",
        Signer = "Example Accountants LLP",
        SignerRole = "accountant",
        AsOf = AsOf,
        ValidUntil = AsOf.AddDays(2),
        Currency = "USD",
        Decimals = 2,
        Assets =
        [
            new StatementAsset("cash", "Operating account at Bank Ü (München)", "Example Trust Co.", "Bank Ü AG", "DE", "segregated", false, false, "600000.25", 60_000_025),
            new StatementAsset("treasury_bill", "T-bills maturing 2027-01-15", "Example Reserve Fund", "Custody Bank N.A.", "US-NY", "trust", false, false, "400000.00", 40_000_000),
            new StatementAsset("repo", "Overnight repo pledged to a lender", "Example Trust Co.", "Custody Bank N.A.", "US", "omnibus", true, false, "5000.00", 500_000),
        ],
        TotalAvailable = "1000000.25",
        TotalAvailableBaseUnits = 100_000_025,
        Ripcord = false,
        RipcordDetails = null,
    };

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Por.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Por.slnx not found");
        }
    }

    /// <summary>Runs the independent implementation; skips (fails under POR_REQUIRE_ALL_TOOLS=1) when node or the packages are missing.</summary>
    public static async Task<string> NodeAsync(params string[] arguments)
    {
        var modules = Path.Combine(RepositoryRoot, "tools", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "tweetnacl")) || !Directory.Exists(Path.Combine(modules, "ethers")))
        {
            var reason = "tools/node_modules has no tweetnacl/ethers: run `npm ci --prefix tools --ignore-scripts`";
            if (string.Equals(Environment.GetEnvironmentVariable("POR_REQUIRE_ALL_TOOLS"), "1", StringComparison.Ordinal))
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "scripts", "vectors", "reserve-statement.js"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = modules;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        Assert.True(process.ExitCode == 0, "node: " + await stderr.ConfigureAwait(false));
        return await stdout.ConfigureAwait(false);
    }

    public static string Time(DateTimeOffset time) => UtcTime.Format(time);
}
