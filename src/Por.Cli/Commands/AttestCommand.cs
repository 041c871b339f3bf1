// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.Attestation;

namespace Por.Cli.Commands;

/// <summary><c>por attest</c>: an auditor signs the digest of a round manifest and its report.</summary>
internal static class AttestCommand
{
    public static Command Create(Option<bool> json)
    {
        var round = new Option<string>("--round") { Description = "Round bundle directory (its manifest.json is attested)", Required = true };
        var report = new Option<string>("--report") { Description = "report.json written by 'por report'", Required = true };
        var key = new Option<string>("--key") { Description = "Auditor secret key file (por-auditor-key/1)", Required = true };
        var output = new Option<string>("--out") { Description = "Attestation file to write", Required = true };
        var cmd = new Command("attest", "Auditor: sign the SHA-256 digest of a round's manifest and report (ed25519 or secp256k1)") { round, report, key, output };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var auditorKey = AuditorKey.Read(parse.GetValue(key)!, requireSecret: true);
            var attestation = Attestor.Sign(Path.Combine(parse.GetValue(round)!, BundleLayout.Manifest), parse.GetValue(report)!, auditorKey, TimeProvider.System.GetUtcNow());
            var path = Path.GetFullPath(parse.GetValue(output)!);
            AtomicFile.WriteAllBytes(path, AttestationJson.Serialize(attestation));
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "signed");
                    w.WriteString("attestation", path);
                    w.WriteString("auditor", attestation.Auditor);
                    w.WriteString("round_id", attestation.RoundId);
                    w.WriteString("digest", Convert.ToHexStringLower(attestation.Digest));
                });
            }
            else
            {
                ctx.Out.WriteLine($"{attestation.Auditor} attested round {attestation.RoundId}: digest {Convert.ToHexStringLower(attestation.Digest)}");
                ctx.Out.WriteLine($"  written to {path}");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
