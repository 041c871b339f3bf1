// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Reports.Attestation;

namespace Por.Cli.Commands;

/// <summary><c>por attest</c>: an auditor signs the digest of a round manifest and its report.</summary>
internal static class AttestCommand
{
    public static Command Create(Option<bool> json)
    {
        var round = Inputs.Round("The round whose manifest.json is attested (not for a token report)", required: false);
        var report = Inputs.Path("--report", "report.json written by 'por report', or a token report (por-token-report/1, then without --round)", required: true);
        var key = Inputs.Path("--key", "Auditor secret key file (por-auditor-key/1)", required: true);
        var output = new Option<string>("--out") { Description = "Attestation file to write (refused if it exists, unless --force)", Required = true };
        var audit = Inputs.Path("--audit-result", "Also attest this audit result (por-audit-result/1 from 'por audit verify'); the attestation is then por-attestation/2", required: false);
        var force = Inputs.Force();
        var cmd = new Command("attest", "Auditor: sign the SHA-256 digest of a round's manifest and report (ed25519 or secp256k1)") { round, report, key, audit, output, force };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            Outputs.Refuse(path, parse.GetValue(force), "--out");
            var auditorKey = AuditorKey.Read(parse.GetValue(key)!, requireSecret: true);
            if (parse.GetValue(round) is null)
            {
                return TokenAttestCommand.Sign(ctx, parse.GetValue(report)!, auditorKey, path, parse.GetValue(audit) is not null);
            }

            var attestation = Attestor.Sign(Inputs.RoundManifest(parse.GetValue(round)!), parse.GetValue(report)!, auditorKey, TimeProvider.System.GetUtcNow(), parse.GetValue(audit));
            AtomicFile.WriteAllBytes(path, AttestationJson.Serialize(attestation));
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "signed");
                    w.WriteString("attestation", path);
                    w.WriteString("auditor", attestation.Auditor);
                    w.WriteString("round_id", attestation.RoundId);
                    w.WriteString("format", attestation.Format);
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
