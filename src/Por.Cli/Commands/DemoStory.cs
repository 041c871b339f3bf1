// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Demo;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;
using Por.Reports;
using Por.Reports.Attestation;
using Por.Reserves;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Storage;

namespace Por.Cli.Commands;

/// <summary>The reserves, history, report and attestation half of <c>por demo</c>.</summary>
internal static class DemoStory
{
    public const string Custodian = "Demo Exchange";

    /// <summary>
    /// Runs steps 6–10 for the current round <paramref name="bundle"/>, whose liabilities the auditor has verified;
    /// last month's round is built in the same mode (zk when <paramref name="zk"/> is given). Returns the verified
    /// reserves of the current round and the report outcome.
    /// </summary>
    public static DemoStoryResult Run(CliContext ctx, string dir, string bundle, VerifiedLiabilities current, long accounts, int assetCount, DateTimeOffset time, ZkParameterSet? zk, DemoFault fault)
    {
        Secp256k1Check();
        var chain = new DemoChain(DemoReserves.ChainId);
        var history = Path.Combine(dir, "history.sqlite");
        var prices = Path.Combine(dir, "prices.csv");

        // Last month's round, smaller and better funded, so the history has a trend and flags changes.
        var previousTable = SyntheticExchange.Assets(Math.Max(1, assetCount - 1));
        var previousTime = time.AddDays(-30);
        var previousId = $"demo-{previousTime:yyyy-MM-dd}";
        ctx.Line($"6. History: building last month's round '{previousId}' ({Math.Max(1, accounts / 2):N0} accounts) for the trend");
        var previousSnapshot = Path.Combine(dir, "previous-snapshot.csv");
        SyntheticExchange.WriteSnapshot(previousTable, Math.Max(1, accounts / 2), 20261021, previousSnapshot);
        var previousBundle = Path.Combine(dir, "previous-round");
        var (previousAssets, previousTotals) = BuildPrevious(ctx, new RoundBuildOptions(previousSnapshot, SnapshotFormat.Auto, previousTable, previousId, previousTime, previousBundle), zk);
        var previousDeclaration = DemoReserves.Create(previousId, previousAssets, previousTotals, Custodian, chain, 900, extraPercent: 4);

        ctx.Line("7. Custodian: fresh wallet keys (libsecp256k1, libsodium), each signing this round's challenge");
        var declaration = DemoReserves.Create(current.RoundId, current.Assets, current.Totals, Custodian, chain, 1000, extraPercent: 0);
        DemoReserves.AddWindowBlocks(chain, current.RoundId, 1000, DemoStaging.BorrowedAsset);
        var chainFile = Path.Combine(dir, "chain.json");
        chain.Write(chainFile);
        var declarationFile = Path.Combine(dir, "reserves.json");
        File.WriteAllBytes(declarationFile, ReserveDeclarationParser.Write(declaration));
        File.WriteAllBytes(Path.Combine(dir, "previous-reserves.json"), ReserveDeclarationParser.Write(previousDeclaration));
        DemoReserves.WriteRegistry(declaration, chain, Path.Combine(dir, "registry.json"), DemoReserves.Window);
        DemoReserves.WriteRegistry(previousDeclaration, chain, Path.Combine(dir, "previous-registry.json"));
        DemoReserves.WritePrices(SyntheticExchange.Assets(assetCount), prices);
        ctx.Line($"   {declaration.Rows.Count} wallets → {declarationFile}; balances → {chainFile}");

        var served = DemoChain.Read(chainFile);
        if (fault == DemoFault.NodeUnderreports)
        {
            Underreport(served, declaration, SyntheticExchange.Assets(assetCount));
        }

        var server = DemoEvmServer.Start(served);
        try
        {
            var nodes = Path.Combine(dir, "nodes.json");
            DemoReserves.WriteNodeConfig(server.Url, nodes);
            ctx.Line($"8. Auditor as reserves verifier: the round registry pins the chain, snapshot block and token contracts; every signature is checked and balances and decimals are read at that block from the demo node {server.Url} ({nodes}); each result is signed");
            // The auditor verifies the reserves and signs each result with its key; the report accepts only signed results.
            var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Demo Audit LLP");
            var publicKey = Path.Combine(dir, "auditor.pub.json");
            File.WriteAllBytes(publicKey, key.Public().ToJson());
            VerifyReserves(Path.Combine(dir, "previous-reserves.json"), Path.Combine(dir, "previous-registry.json"), nodes, previousId, Path.Combine(dir, "previous-reserves-result.json"), key, ctx.Progress());
            var result = VerifyReserves(declarationFile, Path.Combine(dir, "registry.json"), nodes, current.RoundId, Path.Combine(dir, "reserves-result.json"), key, ctx.Progress());
            ctx.Line($"   {result.Rows.Count(r => r.Status == RowStatus.Verified)} rows verified, {result.Rows.Count(r => r.Status != RowStatus.Verified)} failed (not counted): {string.Join("; ", result.Rows.Where(r => r.Status != RowStatus.Verified).Select(r => $"{r.Asset}: {r.Message}"))}");
            var roundTrips = result.Rows.Where(r => r.Window is { RoundTrip: true }).Select(r => r.Asset).ToList();
            ctx.Line($"   window of {DemoReserves.Window.BlocksBefore} blocks each side read for every verified wallet; round trips around the snapshot (borrowed reserves): {(roundTrips.Count == 0 ? "none" : string.Join(", ", roundTrips))}");

            ctx.Line($"9. Report: verifying both bundles, recording them in {history}, computing ratios, quality, trends and the rubric");
            var options = new ReportOptions { PlatformToken = "OKB" };
            using var store = RoundHistoryStore.OpenSqlite(history);
            ReportPipeline.Run(new ReportRequest
            {
                RoundDirectory = previousBundle,
                ReservesResultPath = Path.Combine(dir, "previous-reserves-result.json"),
                ReservesSignaturePath = Path.Combine(dir, "previous-reserves-result.json.sig"),
                ReservesVerifierKeyPath = publicKey,
                PricesPath = prices,
                OutputDirectory = Path.Combine(dir, "previous-report"),
                Options = options,
                History = store,
            }, ctx.Progress());
            var reportDir = Path.Combine(dir, "report");
            var request = new ReportRequest
            {
                RoundDirectory = bundle,
                ReservesResultPath = Path.Combine(dir, "reserves-result.json"),
                ReservesSignaturePath = Path.Combine(dir, "reserves-result.json.sig"),
                ReservesVerifierKeyPath = publicKey,
                PricesPath = prices,
                OutputDirectory = reportDir,
                Options = options,
                History = store,
            };
            var first = ReportPipeline.Run(request, ctx.Progress());

            ctx.Line("10. Auditor: the same key signs the digest of the manifest and report.json; the report is re-rendered with the verified attestation");
            var signer = fault == DemoFault.AttestationWrongKey ? AuditorKey.Generate(AttestationAlgorithm.Ed25519, key.Name) : key;
            var attestation = Attestor.Sign(Path.Combine(bundle, BundleLayout.Manifest), first.ReportJsonPath, signer, TimeProvider.System.GetUtcNow());
            var attestationFile = Path.Combine(reportDir, "attestation.json");
            File.WriteAllBytes(attestationFile, AttestationJson.Serialize(attestation));
            return new DemoStoryResult(result, ReportPipeline.Run(request with { AttestationPath = attestationFile, AuditorPublicKeyPath = publicKey }, ctx.Progress()));
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static (AssetTable Assets, IReadOnlyList<ulong> Totals) BuildPrevious(CliContext ctx, RoundBuildOptions options, ZkParameterSet? zk)
    {
        if (zk is not null)
        {
            var header = ZkRoundBuilder.Build(options, zk, allowTestParameters: false, ctx.Progress()).Manifest.Header;
            return (header.Assets, header.Totals);
        }

        var transparent = RoundBuilder.Build(options, ctx.Progress()).Header;
        return (transparent.Assets, transparent.Totals);
    }

    // The fault of a test: the node serves half the balance of the first token wallet that nothing stages, at every block.
    private static void Underreport(DemoChain chain, Reserves.ReserveDeclaration declaration, AssetTable assets)
    {
        var staged = DemoStaging.For(assets).Select(s => s.Asset).ToHashSet(StringComparer.Ordinal);
        var row = declaration.Rows.First(r => r.Token is not null && !staged.Contains(r.Asset));
        foreach (var block in chain.Blocks.Values)
        {
            if (block.Tokens.TryGetValue(row.Token!, out var holders) && holders.TryGetValue(row.Address, out var amount))
            {
                holders[row.Address] = amount / 2;
            }
        }
    }

    private static void Secp256k1Check()
    {
        Por.Crypto.Native.Secp256k1.EnsureAvailable();
        Por.Crypto.Native.Ed25519.EnsureAvailable();
    }

    private static ReserveVerificationResult VerifyReserves(string declarationFile, string registryFile, string nodes, string round, string output, AuditorKey key, IProgress<WorkProgress> progress)
    {
        var declaration = ReserveDeclarationParser.ReadFile(declarationFile);
        var registry = ReserveRegistryParser.ReadFile(registryFile);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var readers = NodeConfiguration.Parse(File.ReadAllBytes(nodes), nodes, registry, http, Environment.GetEnvironmentVariable);
        var verifier = new ReserveVerifier(registry, readers, new ReserveVerifierOptions { ExpectedRound = round, Progress = progress });
        var result = verifier.VerifyAsync(declaration, CancellationToken.None).GetAwaiter().GetResult();
        var bytes = ReserveResultJson.Serialize(result);
        File.WriteAllBytes(output, bytes);
        File.WriteAllBytes(output + ".sig", ReserveResultSignatureJson.Serialize(ReserveResultSigner.Sign(bytes, key, TimeProvider.System.GetUtcNow())));
        return result;
    }
}
