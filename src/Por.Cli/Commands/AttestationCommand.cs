// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Reports.Attestation;

namespace Por.Cli.Commands;

/// <summary><c>por attestation verify</c> and <c>por attestation keygen</c>.</summary>
internal static class AttestationCommand
{
    public static Command Create(Option<bool> json)
    {
        var cmd = new Command("attestation", "Verify auditor attestations, or generate an auditor key");
        cmd.Subcommands.Add(Verify(json));
        cmd.Subcommands.Add(Keygen(json));
        return cmd;
    }

    private static Command Verify(Option<bool> json)
    {
        var attestation = Inputs.Path("--attestation", "The attestation file (por-attestation/1)", required: true);
        var round = Inputs.Round("The attested round (not for a token report attestation)", required: false);
        var report = Inputs.Path("--report", "The report.json", required: true);
        var key = Inputs.Path("--auditor-key", "The auditor's trusted public key file (por-auditor-public-key/1); never taken from the attestation", required: true);
        var audit = Inputs.Path("--audit-result", "The audit result a por-attestation/2 covers (required for one)", required: false);
        var cmd = new Command("verify", "Check an attestation against the manifest, the report and the auditor's trusted public key") { attestation, round, report, key, audit };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            // Both signature algorithms need a native library: a missing one is the environment (exit 3), never a
            // failed verification.
            Por.Crypto.Native.Ed25519.EnsureAvailable();
            Por.Crypto.Native.Secp256k1.EnsureAvailable();
            var file = parse.GetValue(attestation)!;
            var attestationBytes = File.ReadAllBytes(file);
            if (Por.Reports.Tokens.TokenAttestor.IsTokenAttestation(attestationBytes, file))
            {
                return TokenAttestCommand.Verify(ctx, attestationBytes, file, parse.GetValue(report)!, AuditorKey.Read(parse.GetValue(key)!, requireSecret: false), parse.GetValue(round), parse.GetValue(audit));
            }

            if (parse.GetValue(round) is null)
            {
                throw new InputException("--round", 0, "", "an exchange attestation (por-attestation/1 or /2) is checked against its round: give --round");
            }

            var parsed = AttestationJson.Parse(attestationBytes, file);
            var trusted = AuditorKey.Read(parse.GetValue(key)!, requireSecret: false);
            var check = Attestor.Verify(parsed, Inputs.RoundManifest(parse.GetValue(round)!), parse.GetValue(report)!, trusted, parse.GetValue(audit));
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", check.IsValid ? "verified" : "failed");
                    if (!check.IsValid)
                    {
                        w.WriteString("failure", check.Message);
                        w.WriteString("failure_code", FailureCodes.Of(check.Failure));
                    }

                    w.WriteString("auditor", parsed.Auditor);
                    w.WriteString("algorithm", AuditorKey.AlgorithmName(parsed.Algorithm));
                    w.WriteString("round_id", parsed.RoundId);
                    w.WriteString("format", parsed.Format);
                    w.WriteBoolean("covers_audit_result", parsed.AuditResultSha256 is not null);
                    w.WriteString("signed_at", UtcTime.Format(parsed.SignedAt));
                });
            }
            else
            {
                ctx.Out.WriteLine(check.IsValid
                    ? $"PASS: {parsed.Auditor} attested round {parsed.RoundId} at {UtcTime.Format(parsed.SignedAt)}; the {AuditorKey.AlgorithmName(parsed.Algorithm)} signature verifies with the trusted key over this manifest and report{(parsed.AuditResultSha256 is null ? "" : " and audit result")}."
                    : $"FAIL: {check.Message}");
            }

            return check.IsValid ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }));
        return cmd;
    }

    private static Command Keygen(Option<bool> json)
    {
        var algorithm = new Option<string>("--algorithm") { Description = "ed25519 or secp256k1", DefaultValueFactory = _ => "ed25519" };
        var name = new Option<string>("--name") { Description = "The auditor's name", Required = true };
        var output = new Option<string>("--out") { Description = "Secret key file to create (por-auditor-key/1; mode 600; refused if it exists, unless --force)", Required = true };
        var publicOut = new Option<string>("--public-out") { Description = "Public key file to create (por-auditor-public-key/1; refused if it exists, unless --force)", Required = true };
        var force = Inputs.Force();
        var cmd = new Command("keygen", "Generate an auditor key pair from the OS CSPRNG") { algorithm, name, output, publicOut, force };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var secretPath = Path.GetFullPath(parse.GetValue(output)!);
            var publicPath = Path.GetFullPath(parse.GetValue(publicOut)!);
            if (string.Equals(secretPath, publicPath, StringComparison.Ordinal))
            {
                throw new InputException("--public-out", 0, "", "must differ from --out");
            }

            // Both outputs are checked before either is written: a refused run writes nothing.
            Outputs.Refuse(secretPath, parse.GetValue(force), "--out");
            Outputs.Refuse(publicPath, parse.GetValue(force), "--public-out");
            var key = AuditorKey.Generate(AuditorKey.ParseAlgorithm(parse.GetValue(algorithm)!, "--algorithm"), parse.GetValue(name)!);
            KeyFiles.WriteSecret(secretPath, key.ToJson());
            AtomicFile.WriteAllBytes(publicPath, key.Public().ToJson());
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "generated");
                    w.WriteString("secret_key_file", secretPath);
                    w.WriteString("public_key_file", publicPath);
                    w.WriteString("public_key", Convert.ToHexStringLower(key.PublicKey));
                });
            }
            else
            {
                ctx.Out.WriteLine($"{AuditorKey.AlgorithmName(key.Algorithm)} key for {key.Name}: public {Convert.ToHexStringLower(key.PublicKey)}");
                ctx.Out.WriteLine($"  secret: {secretPath} (keep it private)  public: {publicPath} (publish it)");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
