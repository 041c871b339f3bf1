// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;

namespace Por.Cli.Commands;

/// <summary>Steps 2–5 of <c>por demo</c> (build the round, audit it, export and check one customer's inclusion) in either mode.</summary>
internal static class DemoLiabilities
{
    public static DemoRound Transparent(CliContext ctx, RoundBuildOptions options, string customer, string proofFile)
    {
        var bundle = options.OutputDirectory;
        ctx.Line($"2. Building round '{options.RoundId}' (transparent Merkle sum tree) → {bundle}");
        var t0 = TimeProvider.System.GetTimestamp();
        var manifest = RoundBuilder.Build(options, ctx.Progress());
        var buildSeconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds;
        ctx.Line($"   built in {buildSeconds:F1} s");
        ctx.Line("3. Auditor: recomputing every leaf, node, total and the root");
        t0 = TimeProvider.System.GetTimestamp();
        var audit = RoundVerifier.Verify(bundle, ctx.Progress(Por.Liabilities.LiabilitiesVerifier.LeafStage, manifest.Header.AccountCount));
        var verifySeconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds;
        ctx.Line(audit.IsValid ? $"   PASS ({verifySeconds:F1} s)" : $"   FAIL: {audit.Message}");
        ctx.Line($"4. Operator: exporting the inclusion file of customer '{customer}'");
        var proof = InclusionExporter.Export(bundle, customer) ?? throw new InvalidOperationException("demo customer not found");
        var bytes = InclusionProofJson.Serialize(proof);
        AtomicFile.WritePrivate(proofFile, bytes);
        ctx.Line($"   {proofFile} ({bytes.Length:N0} bytes, {proof.Path.Count} path steps)");
        ctx.Line("5. Customer: verifying their inclusion against the published manifest");
        t0 = TimeProvider.System.GetTimestamp();
        var parsed = InclusionProofJson.Parse(File.ReadAllBytes(proofFile), proofFile);
        var check = InclusionVerifier.Verify(parsed, RoundManifestJson.Read(Path.Combine(bundle, BundleLayout.Manifest)).Header);
        var inclusionMs = TimeProvider.System.GetElapsedTime(t0).TotalMilliseconds;
        ctx.Line(check.IsValid ? $"   PASS ({inclusionMs:F2} ms)" : $"   FAIL: {check.Message}");
        return new DemoRound(
            audit.Liabilities, check.IsValid, buildSeconds, verifySeconds, inclusionMs, bytes.Length,
            o => Summary.PrintHeader(o, manifest.Header), w => RoundCommands.WriteHeader(w, manifest.Header));
    }

    public static DemoRound Zk(CliContext ctx, RoundBuildOptions options, ZkParameterSet parameters, string customer, string proofFile)
    {
        var bundle = options.OutputDirectory;
        ctx.Line($"2. Building round '{options.RoundId}' (zero knowledge: a STARK proof per batch of {parameters.AccountsPerBatch:N0} accounts, parameter set {parameters.Id}) → {bundle}");
        var t0 = TimeProvider.System.GetTimestamp();
        var header = ZkRoundBuilder.Build(options, parameters, allowTestParameters: false, ctx.Progress()).Manifest.Header;
        var buildSeconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds;
        ctx.Line($"   built in {buildSeconds:F1} s ({header.BatchCount:N0} batches proven)");
        ctx.Line("3. Auditor: verifying every batch proof, the chain between the batches, the totals and the root");
        t0 = TimeProvider.System.GetTimestamp();
        var audit = ZkRoundBundleVerifier.Verify(bundle, progress: ctx.Progress());
        var verifySeconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds;
        ctx.Line(audit.IsValid ? $"   PASS ({verifySeconds:F1} s)" : $"   FAIL: {audit.Message}");
        ctx.Line($"4. Operator: exporting the inclusion file of customer '{customer}'");
        var file = ZkInclusionExporter.Export(bundle, customer) ?? throw new InvalidOperationException("demo customer not found");
        var bytes = ZkInclusionFileJson.Serialize(file);
        AtomicFile.WritePrivate(proofFile, bytes);
        ctx.Line($"   {proofFile} ({bytes.Length:N0} bytes, {file.Proof.PathBytes} bytes of proof)");
        ctx.Line("5. Customer: verifying their inclusion against the published manifest");
        t0 = TimeProvider.System.GetTimestamp();
        var parsed = ZkInclusionFileJson.Parse(File.ReadAllBytes(proofFile), proofFile);
        var check = ZkInclusionFileVerifier.Verify(parsed, ZkRoundManifestJson.Read(Path.Combine(bundle, BundleLayout.Manifest)).Header);
        var inclusionMs = TimeProvider.System.GetElapsedTime(t0).TotalMilliseconds;
        ctx.Line(check.IsValid ? $"   PASS ({inclusionMs:F2} ms)" : $"   FAIL: {check.Message}");
        return new DemoRound(
            audit.Liabilities, check.IsValid, buildSeconds, verifySeconds, inclusionMs, bytes.Length,
            o => ZkSummary.Print(o, header), w => ZkSummary.Write(w, header));
    }
}
