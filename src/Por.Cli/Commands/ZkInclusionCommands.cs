// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Zk;

namespace Por.Cli.Commands;

/// <summary>The zk mode of <c>por inclusion export</c> and <c>por inclusion verify</c>.</summary>
internal static class ZkInclusionCommands
{
    public static int Export(CliContext ctx, string bundle, string account, string path, bool force, bool allowTestParameters)
    {
        Outputs.Refuse(path, force, "--out");
        var file = ZkInclusionExporter.Export(bundle, account, allowTestParameters)
            ?? throw new InputException("--account", 0, "", $"account '{account}' is not in this round");
        var bytes = ZkInclusionFileJson.Serialize(file);
        AtomicFile.WritePrivate(path, bytes);
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", "exported");
                w.WriteString("file", path);
                w.WriteNumber("bytes", bytes.Length);
                w.WriteNumber("proof_bytes", file.Proof.PathBytes);
            });
        }
        else
        {
            ctx.Out.WriteLine($"Wrote {path} ({bytes.Length:N0} bytes, {file.Proof.PathBytes} bytes of proof). Give it only to this customer: it holds their salt.");
        }

        return ExitCodes.Ok;
    }

    public static int Verify(CliContext ctx, byte[] bytes, string path, string? manifestPath, bool allowTestParameters)
    {
        var file = ZkInclusionFileJson.Parse(bytes, path);
        var published = manifestPath is null ? null : ZkRoundManifestJson.Read(manifestPath).Header;
        var result = ZkInclusionFileVerifier.Verify(file, published, allowTestParameters);
        Report(ctx, file, result);
        return result.IsValid ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }

    private static void Report(CliContext ctx, ZkInclusionFile file, InclusionVerification result)
    {
        var h = file.Header;
        var accountId = Encoding.UTF8.GetString(file.Proof.AccountId);
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", result.IsValid ? "verified" : "failed");
                if (!result.IsValid)
                {
                    w.WriteString("failure", result.Message);
                    w.WriteString("failure_code", FailureCodes.Of(result.Failure));
                }

                w.WriteBoolean("checked_against_manifest", result.CheckedAgainstManifest);
                w.WriteString("account_id", accountId);
                w.WriteStartObject("balances");
                foreach (var b in file.Proof.Holdings)
                {
                    w.WriteString(h.Assets[b.Asset].Symbol, Amount.Format(b.Amount, h.Assets[b.Asset].Decimals));
                }

                w.WriteEndObject();
                w.WriteNumber("proof_bytes", file.Proof.PathBytes);
                ZkSummary.Write(w, h);
            });
            return;
        }

        ctx.Out.WriteLine($"Account {accountId} in zk round '{h.RoundId}'");
        ctx.Out.WriteLine("  your balances:");
        if (file.Proof.Holdings.Length == 0)
        {
            ctx.Out.WriteLine("    (none)");
        }

        foreach (var b in file.Proof.Holdings)
        {
            ctx.Out.WriteLine($"    {h.Assets[b.Asset].Symbol,-8} {AmountText.Format(b.Amount, h.Assets[b.Asset].Decimals, h.Assets[b.Asset].Symbol),40}");
        }

        ZkSummary.Print(ctx.Out, h);
        if (result.IsValid)
        {
            ctx.Out.WriteLine(result.CheckedAgainstManifest
                ? "PASS: your balances are a leaf of the round's proven batches, and the round matches the published manifest."
                : "PASS: your balances are a leaf under this root. Compare the root with the one the custodian published (or pass --manifest).");
        }
        else
        {
            ctx.Out.WriteLine($"FAIL: {result.Message}");
        }
    }
}
