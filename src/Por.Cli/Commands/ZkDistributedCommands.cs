// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Globalization;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;

namespace Por.Cli.Commands;

/// <summary><c>por round plan</c>, <c>por round prove</c> and <c>por round assemble</c>: distributed zk proving with static shards (docs/distributed.md).</summary>
internal static class ZkDistributedCommands
{
    /// <summary>The environment variable that may hold the unit key (64 hex digits) instead of <c>--key-file</c>.</summary>
    public const string KeyVariable = "POR_UNIT_KEY";

    /// <summary>Shard index variables, in the order they are consulted when <c>--shard</c> is omitted.</summary>
    public static readonly string[] IndexVariables = ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"];

    public static Command Plan(Option<bool> json)
    {
        var snapshot = Inputs.Path("--snapshot", "Snapshot file: CSV (long or wide), JSON Lines, or OKX v2 JSON file or directory", required: true, Inputs.Kind.FileOrDirectory);
        var assets = Inputs.Path("--assets", "Asset list: CSV 'symbol,decimals' or JSON", required: true);
        var roundId = new Option<string>("--round-id") { Description = "Round id, e.g. 2026-11", Required = true };
        var time = new Option<string?>("--snapshot-time") { Description = "Snapshot time, UTC, yyyy-MM-ddTHH:mm:ssZ (default: now)" };
        var format = new Option<string>("--format") { Description = "auto | csv-long | csv-wide | jsonl | okx", DefaultValueFactory = _ => "auto" };
        var parameterSet = new Option<string>("--parameter-set") { Description = "auto (as round build) or a pinned set id", DefaultValueFactory = _ => ZkRoundCommands.AutoParameterSet };
        var memoryLimit = new Option<string?>("--memory-limit") { Description = "With --parameter-set auto: the most memory one worker may use while proving a batch, e.g. 12GiB (default: three quarters of this machine's)" };
        var planDirectory = new Option<string>("--plan") { Description = "Shared directory to create: plan.json, encrypted work units, and later the proofs (give it to the workers)", Required = true };
        var privateDirectory = new Option<string>("--private") { Description = "Operator-only directory to create (0700): openings, chain openings, the unit key; never give it to a worker", Required = true };
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("plan", "zk: fix the batches and every chain opening of a round, and write one encrypted work unit per batch for distributed proving")
        {
            snapshot, assets, roundId, time, format, parameterSet, memoryLimit, planDirectory, privateDirectory, allowTest,
        };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var table = AssetListReader.Read(parse.GetValue(assets)!);
            var setId = parse.GetValue(parameterSet)!;
            var auto = string.Equals(setId, ZkRoundCommands.AutoParameterSet, StringComparison.Ordinal);
            var allow = parse.GetValue(allowTest);
            var parameters = auto ? null : ZkParameterSet.Find(setId)
                ?? throw new InputException("--parameter-set", 0, "", $"unknown parameter set '{setId}': expected {ZkRoundCommands.AutoParameterSet} or one of {string.Join(", ", ZkParameterSet.Pinned.Where(p => !p.IsTestOnly).Select(p => p.Id))}");
            if (parameters is { IsTestOnly: true } && !allow)
            {
                throw new InputException("--parameter-set", 0, "", $"'{setId}' is for tests only; it needs --allow-test-parameters");
            }

            long? limit = null;
            if (parse.GetValue(memoryLimit) is { } limitText)
            {
                limit = !auto ? throw new InputException("--memory-limit", 0, "", "applies only with --parameter-set auto")
                    : MemorySize.TryParse(limitText, out var bytes) ? bytes
                    : throw new InputException("--memory-limit", 0, "", $"'{limitText}': expected a size such as 12GiB or 8192MiB");
            }

            var shared = parse.GetValue(planDirectory)!;
            var secret = parse.GetValue(privateDirectory)!;
            Outputs.Refuse(shared, force: false, "--plan");
            Outputs.Refuse(secret, force: false, "--private");
            var options = new RoundBuildOptions(parse.GetValue(snapshot)!, RoundCommands.ParseFormat(parse.GetValue(format)!), table, parse.GetValue(roundId)!, RoundCommands.ParseTime(parse.GetValue(time)), shared)
            {
                ProverMemoryLimit = limit,
            };
            var started = TimeProvider.System.GetTimestamp();
            var plan = ZkRoundPlanner.Plan(options, parameters, shared, secret, allow, ctx.Progress(), null, ShutdownSignals.Token);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            var keyFile = Path.Combine(secret, ZkRoundPlanner.UnitKeyPath);
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "planned");
                    w.WriteString("plan", shared);
                    w.WriteString("private", secret);
                    w.WriteString("key_file", keyFile);
                    w.WriteString("plan_id", Convert.ToHexStringLower(plan.PlanId));
                    w.WriteString("parameter_set", plan.ParameterSetId);
                    w.WriteNumber("batch_count", plan.BatchCount);
                    w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
                });
            }
            else
            {
                ctx.Out.WriteLine($"Planned round '{options.RoundId}': {plan.BatchCount} batches of {plan.AccountsPerBatch} under {plan.ParameterSetId} ({elapsed.TotalSeconds:F1} s)");
                ctx.Out.WriteLine($"Shared with the workers: {shared} (plan.json, units/, proofs/).");
                ctx.Out.WriteLine($"Unit key for the workers (a secret, e.g. a Kubernetes Secret): {keyFile}");
                ctx.Out.WriteLine($"Keep {secret} to yourself; 'por round assemble --plan {shared} --private {secret} --out BUNDLE' publishes the round.");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }

    public static Command Prove(Option<bool> json)
    {
        var planDirectory = new Option<string>("--plan") { Description = "The shared directory 'por round plan' wrote", Required = true };
        var shard = new Option<string?>("--shard") { Description = $"i/n: prove the batches b with b mod n = i (0-based). Omitted: i from {string.Join(" or ", IndexVariables)} with n from --shards; neither: every batch" };
        var shards = new Option<int?>("--shards") { Description = "n, when i comes from the environment (Kubernetes Indexed Job, Slurm array)" };
        var keyFile = new Option<string?>("--key-file") { Description = $"The unit key (the plan's private/unit.key); default: the environment variable {KeyVariable} (64 hex digits)" };
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("prove", "zk: prove this shard's batches of a planned round (idempotent: batches already proven are skipped)") { planDirectory, shard, shards, keyFile, allowTest };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var (i, n) = Shard(parse.GetValue(shard), parse.GetValue(shards), Environment.GetEnvironmentVariable);
            var key = ReadKey(parse.GetValue(keyFile), Environment.GetEnvironmentVariable(KeyVariable));
            var started = TimeProvider.System.GetTimestamp();
            try
            {
                var (proven, kept) = ZkShardProver.ProveShard(parse.GetValue(planDirectory)!, i, n, key, parse.GetValue(allowTest), ctx.Progress(), ShutdownSignals.Token);
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                if (ctx.Json)
                {
                    ctx.WriteJson(w =>
                    {
                        w.WriteString("status", "proven");
                        w.WriteString("shard", string.Create(CultureInfo.InvariantCulture, $"{i}/{n}"));
                        w.WriteStartArray("proven");
                        proven.ToList().ForEach(w.WriteNumberValue);
                        w.WriteEndArray();
                        w.WriteStartArray("already_proven");
                        kept.ToList().ForEach(w.WriteNumberValue);
                        w.WriteEndArray();
                        w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
                    });
                }
                else
                {
                    ctx.Out.WriteLine($"Shard {i}/{n}: {proven.Count} batches proven, {kept.Count} already proven ({elapsed.TotalSeconds:F1} s)");
                }

                return ExitCodes.Ok;
            }
            catch (ZkUnitException e)
            {
                return Failed(ctx, e.Message, FailureCodes.Of(e.Reason), [e.BatchIndex]);
            }
            finally
            {
                Array.Clear(key);
            }
        }));
        return cmd;
    }

    public static Command Assemble(Option<bool> json)
    {
        var planDirectory = new Option<string>("--plan") { Description = "The shared directory (only its proofs/ is read)", Required = true };
        var privateDirectory = new Option<string>("--private") { Description = "The operator's private directory from 'por round plan'", Required = true };
        var output = new Option<string>("--out") { Description = "Bundle directory to create (refused if it exists, unless --force)", Required = true };
        var force = Inputs.Force();
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("assemble", "zk: check every returned proof against the plan and write the round bundle (as round build does)") { planDirectory, privateDirectory, output, force, allowTest };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var destination = parse.GetValue(output)!;
            try
            {
                return Outputs.Directory(destination, parse.GetValue(force), "--out", builderIsAtomic: true, path =>
                {
                    var started = TimeProvider.System.GetTimestamp();
                    var result = ZkRoundAssembler.Assemble(parse.GetValue(planDirectory)!, parse.GetValue(privateDirectory)!, path, parse.GetValue(allowTest), ctx.Progress());
                    var elapsed = TimeProvider.System.GetElapsedTime(started);
                    WebVerifierPage.WriteInto(path);
                    var header = result.Manifest.Header;
                    if (ctx.Json)
                    {
                        ctx.WriteJson(w =>
                        {
                            w.WriteString("status", "built");
                            w.WriteString("bundle", destination);
                            w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
                            w.WriteNumber("batches_checked", result.BatchesProven);
                            ZkSummary.Write(w, header);
                        });
                    }
                    else
                    {
                        ctx.Out.WriteLine($"Assembled zk round '{header.RoundId}' in {destination} ({elapsed.TotalSeconds:F1} s; all {result.BatchesProven} batch proofs verify against the plan)");
                        ZkSummary.Print(ctx.Out, header);
                        ctx.Out.WriteLine($"Publish manifest.json, batches/ and {WebVerifierPage.FileName} (the offline verifier for customers). Keep private/ secret: it holds every customer's salt and balances.");
                    }

                    return ExitCodes.Ok;
                });
            }
            catch (ZkAssemblyException e)
            {
                foreach (var r in e.Rejections)
                {
                    if (!ctx.Json)
                    {
                        ctx.Out.WriteLine($"REJECTED batch {r.BatchIndex}: {r.Message}");
                    }
                }

                return Failed(ctx, e.Message, FailureCodes.Of(e.Rejections[0].Reason), [.. e.Rejections.Select(r => r.BatchIndex)]);
            }
        }));
        return cmd;
    }

    /// <summary>The shard (i, n) from <c>--shard i/n</c>, or i from the environment with n from <c>--shards</c>, or (0, 1).</summary>
    internal static (int Index, int Count) Shard(string? shard, int? shards, Func<string, string?> environment)
    {
        if (shard is not null)
        {
            if (shards is not null)
            {
                throw new InputException("--shards", 0, "", "give either --shard i/n or --shards n (with the index from the environment), not both");
            }

            var parts = shard.Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || i >= n)
            {
                throw new InputException("--shard", 0, "", $"'{shard}': expected i/n with 0 ≤ i < n, e.g. 0/3");
            }

            return (i, n);
        }

        if (shards is null)
        {
            return (0, 1);
        }

        if (shards < 1)
        {
            throw new InputException("--shards", 0, "", "expected n ≥ 1");
        }

        foreach (var name in IndexVariables)
        {
            if (environment(name) is { Length: > 0 } text)
            {
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shards
                    ? (i, shards.Value)
                    : throw new InputException(name, 0, "", $"'{text}': expected a shard index from 0 to {shards - 1} (--shards {shards})");
            }
        }

        throw new InputException("--shards", 0, "", $"--shards needs the shard index: --shard i/n, or one of {string.Join(", ", IndexVariables)} in the environment");
    }

    /// <summary>The 32-byte unit key: the file's bytes (32 raw bytes, or 64 hex digits and an optional newline), else the variable's 64 hex digits.</summary>
    internal static byte[] ReadKey(string? file, string? variable)
    {
        if (file is not null)
        {
            var bytes = File.Exists(file) ? File.ReadAllBytes(file) : throw new InputException(file, 0, "", "file not found");
            if (bytes.Length == ZkUnitCipher.KeyLength)
            {
                return bytes;
            }

            return Hex(System.Text.Encoding.ASCII.GetString(bytes).TrimEnd('\n', '\r')) ?? throw new InputException(file, 0, "", "expected the 32-byte unit key (raw, or 64 hex digits)");
        }

        if (variable is not null)
        {
            return Hex(variable.Trim()) ?? throw new InputException(KeyVariable, 0, "", "expected the unit key as 64 hex digits");
        }

        throw new InputException("--key-file", 0, "", $"the unit key is needed: --key-file FILE or the environment variable {KeyVariable}");
    }

    private static byte[]? Hex(string text) =>
        text.Length == 2 * ZkUnitCipher.KeyLength && text.All(char.IsAsciiHexDigit) ? Convert.FromHexString(text) : null;

    private static int Failed(CliContext ctx, string message, string code, IReadOnlyList<int> batches)
    {
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", "failed");
                w.WriteString("failure", message);
                w.WriteString("failure_code", code);
                w.WriteStartArray("batches");
                foreach (var b in batches)
                {
                    w.WriteNumberValue(b);
                }

                w.WriteEndArray();
            });
        }
        else
        {
            ctx.Out.WriteLine($"FAIL: {message}");
        }

        return ExitCodes.VerificationFailed;
    }
}
