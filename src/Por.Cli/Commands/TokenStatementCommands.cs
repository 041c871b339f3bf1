// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Tokens.Model;
using Por.Tokens.Statements;

namespace Por.Cli.Commands;

/// <summary>
/// <c>por token statement keygen|sign|verify</c>: a custodian's or accountant's tools for signed reserve statements
/// (por-reserve-statement/1, docs/token-por.md "Reserve statements").
/// </summary>
internal static class TokenStatementCommands
{
    /// <summary>Builds the <c>statement</c> command group (registered under <c>token</c>).</summary>
    /// <param name="json">The root command's recursive <c>--json</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(Option<bool> json)
    {
        var cmd = new Command("statement", "Signed reserve statements (por-reserve-statement/1): generate a signer key, sign, verify");
        cmd.Subcommands.Add(Keygen(json));
        cmd.Subcommands.Add(Sign(json));
        cmd.Subcommands.Add(Verify(json));
        return cmd;
    }

    private static Command Keygen(Option<bool> json)
    {
        var algorithm = new Option<string>("--algorithm") { Description = "ed25519 (default) or secp256k1", DefaultValueFactory = _ => "ed25519" };
        var name = new Option<string>("--name") { Description = "The signer's name (custodian or accountant)", Required = true };
        var output = new Option<string>("--out") { Description = "Secret key file to create (por-statement-key/1; mode 600; refused if it exists, unless --force)", Required = true };
        var publicOut = new Option<string>("--public-out") { Description = "Public key file to create (por-statement-public-key/1), for the token's registry; refused if it exists, unless --force", Required = true };
        var force = Inputs.Force();
        var cmd = new Command("keygen", "Generate a statement signer key pair from the OS CSPRNG") { algorithm, name, output, publicOut, force };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var secretPath = Path.GetFullPath(parse.GetValue(output)!);
            var publicPath = Path.GetFullPath(parse.GetValue(publicOut)!);
            if (string.Equals(secretPath, publicPath, StringComparison.Ordinal))
            {
                throw new InputException("--public-out", 0, "", "must differ from --out");
            }

            var algorithmText = parse.GetValue(algorithm)!;
            if (!StatementPublicKey.TryParseAlgorithm(algorithmText, out var parsed))
            {
                throw new InputException("--algorithm", 0, "", $"'{algorithmText}' is not ed25519 or secp256k1");
            }

            // Both outputs are checked before either is written: a refused run writes nothing.
            Outputs.Refuse(secretPath, parse.GetValue(force), "--out");
            Outputs.Refuse(publicPath, parse.GetValue(force), "--public-out");
            var key = StatementKey.Generate(parsed, parse.GetValue(name)!);
            KeyFiles.WriteSecret(secretPath, key.ToJson(includeSecret: true));
            AtomicFile.WriteAllBytes(publicPath, key.ToJson(includeSecret: false));
            var publicHex = Convert.ToHexStringLower(key.PublicKey.Key);
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "generated");
                    w.WriteString("algorithm", StatementPublicKey.AlgorithmName(parsed));
                    w.WriteString("secret_key_file", secretPath);
                    w.WriteString("public_key_file", publicPath);
                    w.WriteString("public_key", publicHex);
                });
            }
            else
            {
                ctx.Out.WriteLine($"{StatementPublicKey.AlgorithmName(parsed)} statement key for {key.Name}: public {publicHex}");
                ctx.Out.WriteLine($"  secret: {secretPath} (keep it private)  public: {publicPath} (pin it in the token registry's signers)");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Sign(Option<bool> json)
    {
        var key = Inputs.Path("--key", "The signer's secret key file (por-statement-key/1)", required: true);
        var statement = Inputs.Path("--statement", "The unsigned statement (por-reserve-statement/1 without algorithm, public_key and signature)", required: true);
        var output = new Option<string>("--out") { Description = "The signed statement to write (refused if it exists, unless --force)", Required = true };
        var force = Inputs.Force();
        var cmd = new Command("sign", "Sign a reserve statement with a statement key") { key, statement, output, force };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var outPath = Path.GetFullPath(parse.GetValue(output)!);
            Outputs.Refuse(outPath, parse.GetValue(force), "--out");
            var secret = StatementKey.Read(parse.GetValue(key)!, requireSecret: true);
            var input = parse.GetValue(statement)!;
            var unsigned = ReserveStatementJson.Parse(File.ReadAllBytes(input), input, requireSignature: false);
            if (unsigned.SumAvailable != unsigned.TotalAvailableBaseUnits)
            {
                throw new InputException(input, 0, "total_available", $"{unsigned.TotalAvailable} is not the sum of the assets that are neither pledged nor restricted ({Por.Tokens.Units.BaseUnits.FormatFixed(unsigned.SumAvailable, unsigned.Decimals)})");
            }

            var signed = unsigned.SignWith(secret);
            AtomicFile.WriteAllBytes(outPath, ReserveStatementJson.Write(signed));
            var digest = Convert.ToHexStringLower(signed.Digest());
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "signed");
                    w.WriteString("statement_file", outPath);
                    w.WriteString("token", signed.Token);
                    w.WriteString("algorithm", StatementPublicKey.AlgorithmName(secret.PublicKey.Algorithm));
                    w.WriteString("public_key", Convert.ToHexStringLower(secret.PublicKey.Key));
                    w.WriteString("digest", digest);
                });
            }
            else
            {
                ctx.Out.WriteLine($"signed {outPath}: token {signed.Token}, {signed.TotalAvailable} {signed.Currency} available as of {(signed.AsOf is { } t ? UtcTime.Format(t) : "(none)")}, digest {digest}");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Verify(Option<bool> json)
    {
        var statement = Inputs.Path("--statement", "The signed statement (por-reserve-statement/1)", required: true);
        var key = Inputs.Path("--public-key", "The signer's trusted public key file (por-statement-public-key/1); never taken from the statement", required: true);
        var token = new Option<string>("--token") { Description = "The token id the statement must be for", Required = true };
        var issuer = new Option<string?>("--issuer") { Description = "The issuer the statement must name" };
        var currency = new Option<string?>("--currency") { Description = "The currency its amounts must be in (e.g. USD)" };
        var maxAge = new Option<long?>("--max-age-seconds") { Description = "The oldest its as-of may be at --at" };
        var at = new Option<string?>("--at") { Description = "Judge freshness at this UTC time (yyyy-MM-ddTHH:mm:ssZ; default: now)" };
        var cmd = new Command("verify", "Verify a reserve statement's signature with a trusted key, and its token, ripcord and freshness") { statement, key, token, issuer, currency, maxAge, at };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var when = DateTimeOffset.UtcNow;
            if (parse.GetValue(at) is { } atText && !UtcTime.TryParse(atText, out when))
            {
                throw new InputException("--at", 0, "", "expected a UTC time as yyyy-MM-ddTHH:mm:ssZ");
            }

            if (parse.GetValue(maxAge) is < 1)
            {
                throw new InputException("--max-age-seconds", 0, "", "must be at least 1");
            }

            var trusted = StatementKey.Read(parse.GetValue(key)!, requireSecret: false);
            var file = parse.GetValue(statement)!;
            var parsed = ReserveStatementJson.Parse(File.ReadAllBytes(file), file, requireSignature: true);
            var check = parsed.VerifySignature([trusted.PublicKey], out var reason)
                ? StatementCheck.Check(parsed, parse.GetValue(token)!, parse.GetValue(issuer), parse.GetValue(currency), parse.GetValue(maxAge), when)
                : new StatementCheck(EvidenceFailure.BadSignature, reason);
            var ok = check.Failure == EvidenceFailure.None;
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", ok ? "verified" : "failed");
                    if (!ok)
                    {
                        w.WriteString("failure", check.Detail);
                        w.WriteString("failure_code", FailureCodes.Of(check.Failure));
                    }

                    w.WriteString("token", parsed.Token);
                    w.WriteString("issuer", parsed.Issuer);
                    w.WriteString("signer", parsed.Signer);
                    w.WriteString("signer_role", parsed.SignerRole);
                    w.WriteString("currency", parsed.Currency);
                    w.WriteString("total_available", parsed.TotalAvailable);
                    w.WriteBoolean("ripcord", parsed.Ripcord);
                    if (parsed.AsOf is { } asOf)
                    {
                        w.WriteString("as_of", UtcTime.Format(asOf));
                    }
                    else
                    {
                        w.WriteNull("as_of");
                    }

                    w.WriteString("checked_at", UtcTime.Format(when));
                });
            }
            else
            {
                ctx.Out.WriteLine(ok
                    ? $"PASS: {parsed.SignerRole} {parsed.Signer} signed for token {parsed.Token}: {check.Detail}; the signature verifies with the trusted key."
                    : $"FAIL ({FailureCodes.Of(check.Failure)}): {check.Detail}");
            }

            return ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }));
        return cmd;
    }
}
