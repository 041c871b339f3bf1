// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Reports.Tokens;
using Por.Tokens;
using Por.Tokens.Model;
using Por.Tokens.Registry;

namespace Por.Cli.Commands;

/// <summary>
/// <c>por token check --registry FILE [--token ID] [--out FILE] [--json]</c>: one evaluation of every token of a
/// <c>por-token-registry/1</c> (or one), as text or as a <c>por-token-check/1</c> document; the exit code follows the
/// status (docs/cli.md, docs/token-por.md §6).
/// </summary>
public static class TokenCheckCommand
{
    /// <summary>The format id of the check document (<c>--json</c> and <c>--out</c>).</summary>
    public const string JsonFormat = "por-token-check/1";

    /// <summary>Builds the <c>check</c> subcommand.</summary>
    /// <param name="json">The root command's recursive <c>--json</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(Option<bool> json)
    {
        var registry = Inputs.Path("--registry", "The supply registry (por-token-registry/1)", required: true);
        var token = new Option<string?>("--token") { Description = "Evaluate only this token of the registry (default: every token)" };
        var output = new Option<string?>("--out") { Description = "Also write the por-token-check/1 document to this file (refused if it exists, unless --force)" };
        var force = Inputs.Force();
        var command = new Command("check", "Evaluate circulating supply against reserve evidence once; exit 0 only when every token is covered") { registry, token, output, force };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, ctx => RunAsync(
            ctx, parse.GetValue(registry)!, parse.GetValue(token), parse.GetValue(output), parse.GetValue(force), cancellationToken)));
        return command;
    }

    /// <summary>The exit code of one evaluation: 0 covered; 3 when evidence failed only because nodes failed; 1 otherwise.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <returns>The exit code.</returns>
    public static int ExitCodeOf(TokenEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return evaluation.Status switch
        {
            TokenStatus.Covered => ExitCodes.Ok,
            TokenStatus.EvidenceFailed when OnlyNodeFaults(evaluation) => ExitCodes.EnvironmentError,
            _ => ExitCodes.VerificationFailed,
        };
    }

    private static async Task<int> RunAsync(CliContext ctx, string registryPath, string? tokenId, string? output, bool force, CancellationToken cancellationToken)
    {
        var registryBytes = File.ReadAllBytes(registryPath);
        var registry = TokenRegistryReader.Parse(registryBytes, registryPath);
        var tokens = registry.Tokens.ToList();
        if (tokenId is not null)
        {
            tokens = [registry.Token(tokenId)
                ?? throw new InputException("command line", 0, "--token", $"'{tokenId}' is not a token of the registry ({string.Join(", ", registry.Tokens.Select(t => t.Id))})")];
        }

        var outPath = output is null ? null : Path.GetFullPath(output);
        if (outPath is not null)
        {
            Outputs.Refuse(outPath, force, "--out");
        }

        using var nodes = new ChainNodes(registry, Environment.GetEnvironmentVariable);
        var evaluator = new TokenEvaluator(registry, StandardReserveReaders.Create(), nodes);
        var evaluations = new List<TokenEvaluation>();
        foreach (var token in tokens)
        {
            evaluations.Add(await evaluator.EvaluateAsync(token, null, cancellationToken).ConfigureAwait(false));
        }

        var codes = evaluations.Select(ExitCodeOf).ToList();
        var exit = codes.Contains(ExitCodes.VerificationFailed) ? ExitCodes.VerificationFailed
            : codes.Contains(ExitCodes.EnvironmentError) ? ExitCodes.EnvironmentError
            : ExitCodes.Ok;
        var document = Document(registryPath, Convert.ToHexStringLower(SHA256.HashData(registryBytes)), evaluations, exit);
        if (outPath is not null)
        {
            AtomicFile.WriteAllBytes(outPath, document);
        }

        if (ctx.Json)
        {
            ctx.Out.Write(Encoding.UTF8.GetString(document));
        }
        else
        {
            foreach (var evaluation in evaluations)
            {
                WriteText(ctx.Out, evaluation);
            }
        }

        return exit;
    }

    private static bool OnlyNodeFaults(TokenEvaluation evaluation) =>
        evaluation.Supply.Select(s => s.Failure).Concat(evaluation.Reserves.Select(r => r.Failure))
            .Where(f => f != EvidenceFailure.None).All(f => f == EvidenceFailure.NodeFault);

    /// <summary>The <c>por-token-check/1</c> document.</summary>
    private static byte[] Document(string registryPath, string registrySha256, IReadOnlyList<TokenEvaluation> evaluations, int exit)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", JsonFormat);
            var worst = evaluations.Max(e => e.Status);
            w.WriteString("status", FailureCodes.Of(worst));
            w.WriteNumber("exit_code", exit);
            if (exit == ExitCodes.Ok)
            {
                w.WriteNull("failure_code");
            }
            else
            {
                w.WriteString("failure_code", exit == ExitCodes.EnvironmentError ? "node_unreachable" : FailureCodes.Of(worst));
            }

            w.WriteString("registry", registryPath);
            w.WriteString("registry_sha256", registrySha256);
            w.WriteStartArray("tokens");
            foreach (var e in evaluations)
            {
                WriteEvaluation(w, e);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteEvaluation(Utf8JsonWriter w, TokenEvaluation e)
    {
        var supplyUsable = e.Supply.All(s => s.Failure == EvidenceFailure.None);
        var reservesUsable = e.Reserves.All(r => r.Failure == EvidenceFailure.None);
        w.WriteStartObject();
        w.WriteString("id", e.TokenId);
        w.WriteNumber("decimals", e.Decimals);
        w.WriteNumber("margin_bps", e.MarginBasisPoints);
        w.WriteString("evaluated_at", UtcTime.Format(e.EvaluatedAt));
        w.WriteString("status", FailureCodes.Of(e.Status));
        WriteAmountOrNull(w, "circulating_supply", supplyUsable ? e.CirculatingSupply : null);
        WriteAmountOrNull(w, "total_reserves", reservesUsable ? e.TotalReserves : null);
        if (Ratio(e) is { } ratio)
        {
            w.WriteString("ratio", ratio);
        }
        else
        {
            w.WriteNull("ratio");
        }

        static string BaseUnits(BigInteger v) => v.ToString(CultureInfo.InvariantCulture);
        TokenEvaluationJson.WriteSupply(w, e.Supply, BaseUnits);
        TokenEvaluationJson.WriteReserves(w, e.Reserves, BaseUnits);
        TokenEvaluationJson.WriteFailedEvidence(w, e);
        w.WriteEndObject();
    }

    private static void WriteAmountOrNull(Utf8JsonWriter w, string name, BigInteger? amount)
    {
        if (amount is { } value)
        {
            w.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Reserves / circulating supply with 6 fraction digits, truncated; null when no ratio may be reported or the supply is 0.</summary>
    private static string? Ratio(TokenEvaluation e)
    {
        if (!e.HasRatio || e.CirculatingSupply.IsZero)
        {
            return null;
        }

        return Units(e.TotalReserves * 1_000_000 / e.CirculatingSupply, 6);
    }

    /// <summary>Base units as a decimal with exactly <paramref name="decimals"/> fraction digits.</summary>
    private static string Units(BigInteger baseUnits, int decimals)
    {
        var digits = BigInteger.Abs(baseUnits).ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return baseUnits.Sign < 0 ? "-" + text : text;
    }

    private static void WriteText(TextWriter o, TokenEvaluation e)
    {
        var d = e.Decimals;
        var headline = e.Status switch
        {
            TokenStatus.Covered => $"COVERED: reserves {Units(e.TotalReserves, d)} >= circulating supply {Units(e.CirculatingSupply, d)} x (1 + {e.MarginBasisPoints} bp)",
            TokenStatus.BelowMargin => $"BELOW MARGIN: reserves {Units(e.TotalReserves, d)} cover circulating supply {Units(e.CirculatingSupply, d)} but not the {e.MarginBasisPoints} bp margin",
            TokenStatus.Undercollateralized => $"UNDER-COLLATERALISED: reserves {Units(e.TotalReserves, d)} < circulating supply {Units(e.CirculatingSupply, d)}",
            _ => "EVIDENCE FAILED: no ratio is reported",
        };
        o.WriteLine($"token {e.TokenId} at {UtcTime.Format(e.EvaluatedAt)}: {headline}");
        if (Ratio(e) is { } ratio)
        {
            o.WriteLine($"  ratio reserves / supply: {ratio}");
        }

        foreach (var failed in e.FailedEvidence)
        {
            o.WriteLine($"  failed: {failed}");
        }

        o.WriteLine($"  supply ({d} decimals):");
        foreach (var s in e.Supply)
        {
            var at = s.BlockHash.Length > 0 ? $"block {s.Height} {s.BlockHash} ({UtcTime.Format(s.BlockTime)})" : "no block";
            var amounts = s.Failure == EvidenceFailure.None
                ? $"total {Units(s.TotalSupply, d)}, excluded {Units(s.Excluded, d)}, counted {Units(s.Counted, d)}"
                : FailureCodes.Of(s.Failure);
            o.WriteLine($"    {s.Chain} {s.Contract} {FailureCodes.Of(s.Role)} at {at}: {amounts}");
            o.WriteLine($"      {s.Detail}");
        }

        o.WriteLine("  reserves:");
        foreach (var r in e.Reserves)
        {
            var observed = r.ObservedAt is { } t ? UtcTime.Format(t) : "no clock";
            var amount = r.Failure == EvidenceFailure.None ? Units(r.Amount, d) : FailureCodes.Of(r.Failure);
            o.WriteLine($"    {r.SourceId} ({FailureCodes.Of(r.Class)}, observed {observed}): {amount}");
            o.WriteLine($"      {r.Detail}");
        }
    }
}
