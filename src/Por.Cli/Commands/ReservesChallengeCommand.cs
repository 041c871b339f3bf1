// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Reserves;
using Por.Reserves.Evm;
using Por.Reserves.Registry;

namespace Por.Cli.Commands;

/// <summary>
/// <c>por reserves challenge --registry R --custodian NAME [--chain C] [--format text|eip712|json] [--out FILE]</c>:
/// prints the exact per-round challenge of every chain of the round's registry (or one chain), as the verifier builds
/// it, for custodians to sign with their own wallets or HSMs.
/// </summary>
public static class ReservesChallengeCommand
{
    /// <summary>Format id of the <c>--json</c> output.</summary>
    public const string JsonFormat = "por-reserves-challenge/2";

    /// <summary>The most characters a custodian name may have (as registry names).</summary>
    public const int MaxCustodianLength = 200;

    private const string CommandLine = "command line";
    private const string Begin = "-----BEGIN POR CHALLENGE-----";
    private const string End = "-----END POR CHALLENGE-----";

    /// <summary>Output formats.</summary>
    public enum OutputFormat
    {
        /// <summary>The challenge text: with <c>--chain</c> exactly the message bytes, otherwise every chain between delimiters.</summary>
        Text,

        /// <summary>The EIP-712 typed data JSON of one EVM chain, as <c>eth_signTypedData_v4</c> and <c>cast wallet sign --data</c> take it.</summary>
        Eip712,

        /// <summary>The machine-readable list (<see cref="JsonFormat"/>).</summary>
        Json,
    }

    /// <summary>Builds the <c>challenge</c> subcommand.</summary>
    /// <param name="json">The root command's recursive <c>--json</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(Option<bool> json)
    {
        var registry = Inputs.Path("--registry", "The round's pinned asset registry (por-reserves-registry/2; /1 deprecated)", required: true);
        var custodian = new Option<string?>("--custodian") { Description = "The custodian name exactly as the declaration will state it; required" };
        var chain = new Option<string?>("--chain") { Description = "Only this chain of the registry" };
        var format = new Option<string?>("--format") { Description = "text (default), eip712 (one EVM chain's typed data) or json" };
        var output = new Option<FileInfo?>("--out") { Description = "Write the output to this file (UTF-8, no BOM, byte-exact) instead of stdout (refused if it exists, unless --force)" };
        var force = Inputs.Force();
        var command = new Command("challenge", "Print the exact per-round challenge to sign, per chain, as text or EIP-712 typed data") { registry, custodian, chain, format, output, force };
        command.SetAction(parse => CommandRunner.Run(parse, json, context => Run(
            context, parse.GetValue(registry) is { } r ? new FileInfo(r) : null, parse.GetValue(custodian), parse.GetValue(chain), parse.GetValue(format), parse.GetValue(output), parse.GetValue(force))));
        return command;
    }

    /// <summary>The challenge of one chain.</summary>
    /// <param name="Chain">The registry chain.</param>
    /// <param name="Message">The exact challenge text.</param>
    /// <param name="TypedData">The EIP-712 typed data JSON (EVM chains), or null.</param>
    public sealed record ChainChallenge(RegistryChain Chain, string Message, string? TypedData);

    /// <summary>Builds the challenges of a registry's chains for a custodian, exactly as <see cref="ReserveVerifier"/>
    /// does for a declaration of that custodian and the registry's round.</summary>
    /// <param name="registry">The round's registry.</param>
    /// <param name="custodian">The custodian name.</param>
    /// <param name="chain">One chain, or null for every chain (in ordinal name order).</param>
    /// <returns>The challenges.</returns>
    /// <exception cref="InputException">The custodian or chain is not acceptable.</exception>
    public static IReadOnlyList<ChainChallenge> Build(ReserveRegistry registry, string custodian, string? chain)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(custodian);
        CheckCustodian(custodian);
        IEnumerable<RegistryChain> chains;
        if (chain is null)
        {
            chains = registry.Chains.Values.OrderBy(c => c.Name, StringComparer.Ordinal);
        }
        else if (registry.Chains.TryGetValue(chain, out var one))
        {
            chains = [one];
        }
        else
        {
            throw new InputException(CommandLine, 0, "--chain", $"'{chain}' is not a chain of the registry (chains: {string.Join(", ", registry.Chains.Keys.Order(StringComparer.Ordinal))})");
        }

        return [.. chains.Select(c =>
        {
            var message = ChallengeMessage.For(custodian, registry.Round, c.Name, c.Snapshot.Height, c.Snapshot.Hash);
            return new ChainChallenge(c, message, c.Family == ChainFamily.Evm ? ChallengeTypedData.Json(message, ChainId(c)) : null);
        })];
    }

    /// <summary>The declaration schemes that sign the challenge on a chain family.</summary>
    /// <param name="family">The family.</param>
    /// <returns>Scheme names as written in declarations.</returns>
    public static IReadOnlyList<string> Schemes(ChainFamily family) => family switch
    {
        ChainFamily.Bitcoin => ["bip137", "bip322", "btc-multisig"],
        ChainFamily.Evm => ["eip191-text", "eip191-hash32", "eip712", "eip1271", "safe-owners"],
        ChainFamily.Tron => ["tron-v2", "tron-v1"],
        ChainFamily.Solana => ["sol-offchain-v0", "sol-offchain-v1", "sol-raw", "sol-okx"],
        _ => [],
    };

    /// <summary>Renders the output (built fully before anything is written).</summary>
    /// <param name="registry">The registry.</param>
    /// <param name="custodian">The custodian name.</param>
    /// <param name="chain">One chain or null.</param>
    /// <param name="format">The format.</param>
    /// <returns>The exact output text.</returns>
    /// <exception cref="InputException">The custodian, chain or format is not acceptable.</exception>
    public static string Render(ReserveRegistry registry, string custodian, string? chain, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var challenges = Build(registry, custodian, chain);
        switch (format)
        {
            case OutputFormat.Eip712:
                if (chain is null)
                {
                    throw new InputException(CommandLine, 0, "--chain", "--format eip712 prints one typed-data document: name the EVM chain with --chain (or use --json for every chain)");
                }

                return challenges[0].TypedData is { } typedData
                    ? typedData + "\n"
                    : throw new InputException(CommandLine, 0, "--format", $"eip712 is for EVM chains; '{chain}' is a {challenges[0].Chain.Family.ToString().ToLowerInvariant()} chain (use --format text)");
            case OutputFormat.Json:
                return RenderJson(registry, custodian, challenges);
            default:
                return chain is null ? RenderText(registry, custodian, challenges) : challenges[0].Message;
        }
    }

    /// <summary>Runs the command.</summary>
    /// <param name="context">Output and error writers.</param>
    /// <param name="registryFile">The registry file.</param>
    /// <param name="custodian">The custodian name.</param>
    /// <param name="chain">One chain or null.</param>
    /// <param name="format">The format name or null.</param>
    /// <param name="output">A file to write instead of stdout, or null.</param>
    /// <param name="force">Replace an existing <paramref name="output"/>.</param>
    /// <returns>The exit code.</returns>
    internal static int Run(CliContext context, FileInfo? registryFile, string? custodian, string? chain, string? format, FileInfo? output, bool force = false)
    {
        var chosen = format switch
        {
            null => context.Json ? OutputFormat.Json : OutputFormat.Text,
            "text" => OutputFormat.Text,
            "eip712" => OutputFormat.Eip712,
            "json" => OutputFormat.Json,
            _ => throw new InputException(CommandLine, 0, "--format", $"'{format}' is not text, eip712 or json"),
        };
        if (context.Json && chosen != OutputFormat.Json)
        {
            throw new InputException(CommandLine, 0, "--format", $"--json prints the JSON list; it cannot be combined with --format {format}");
        }

        if (registryFile is null)
        {
            throw new InputException(CommandLine, 0, "--registry", "required: the round's registry (por-reserves-registry/2)");
        }

        if (custodian is null)
        {
            throw new InputException(CommandLine, 0, "--custodian", "required: the custodian name exactly as the declaration states it");
        }

        if (output is not null)
        {
            Outputs.Refuse(output.FullName, force, "--out");
        }

        var registry = ReserveRegistryParser.ReadFile(registryFile.FullName);
        var text = Render(registry, custodian, chain, chosen);
        if (output is null)
        {
            context.Out.Write(text);
            context.Out.Flush();
        }
        else
        {
            AtomicFile.WriteAllBytes(output.FullName, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
        }

        return ExitCodes.Ok;
    }

    private static void CheckCustodian(string custodian)
    {
        if (custodian.Length == 0 || custodian.Length > MaxCustodianLength)
        {
            throw new InputException(CommandLine, 0, "--custodian", $"must be 1 to {MaxCustodianLength} characters");
        }

        foreach (var c in custodian)
        {
            // A line break would forge another line of the challenge; other control, format (bidi, zero-width) and
            // separator characters make the text read differently from what is signed.
            if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                throw new InputException(CommandLine, 0, "--custodian", $"contains the control or format character U+{(int)c:X4}: the challenge is line-based and must read the same everywhere");
            }
        }

        for (var i = 0; i < custodian.Length; i++)
        {
            if (char.IsSurrogate(custodian[i]) && !(char.IsHighSurrogate(custodian[i]) && i + 1 < custodian.Length && char.IsLowSurrogate(custodian[++i])))
            {
                throw new InputException(CommandLine, 0, "--custodian", "is not valid Unicode (unpaired surrogate): it has no UTF-8 form to sign");
            }
        }

        if (!string.Equals(custodian, custodian.Trim(), StringComparison.Ordinal))
        {
            throw new InputException(CommandLine, 0, "--custodian", "has leading or trailing white space, which a signer's display would hide");
        }
    }

    private static long ChainId(RegistryChain chain) =>
        long.Parse(chain.Identity.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);

    // What hardware wallets that sign EIP-712 from hashes display: the domain separator and hashStruct(message).
    private static (byte[] Domain, byte[] Message, byte[] Digest) Eip712Hashes(string typedData)
    {
        using var document = JsonDocument.Parse(typedData);
        var (domain, message) = Eip712.Encode(document.RootElement);
        return (domain, message, Eip712.Digest(document.RootElement));
    }

    private static string Sha256(string message) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message)));

    private static string RenderText(ReserveRegistry registry, string custodian, IReadOnlyList<ChainChallenge> challenges)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"Ownership challenges of custodian \"{custodian}\" for round {registry.Round} (registry sha256 {Convert.ToHexStringLower(registry.Sha256)})\n");
        text.Append("Sign each message exactly: the lines between the BEGIN and END lines, LF line endings, UTF-8, no line break after the last line.\n");
        text.Append("For the bytes of one chain alone: por reserves challenge --registry <file> --custodian <name> --chain <chain> --format text > message.txt\n");
        foreach (var challenge in challenges)
        {
            var chain = challenge.Chain;
            text.Append('\n');
            text.Append(invariant, $"chain {chain.Name} ({chain.Family.ToString().ToLowerInvariant()}, {chain.Identity}); snapshot {chain.Snapshot.Height} {chain.Snapshot.Hash}\n");
            text.Append("schemes: ").AppendJoin(", ", Schemes(chain.Family)).Append('\n');
            if (challenge.TypedData is { } typedData)
            {
                var (domain, messageHash, digest) = Eip712Hashes(typedData);
                text.Append(invariant, $"eip712: --chain {chain.Name} --format eip712 prints the typed data (domain chainId {chain.Identity.Value}; declare \"chainId\": {chain.Identity.Value} on eip712 rows)\n");
                text.Append(invariant, $"eip191-text digest {Hex(EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(challenge.Message)))}\n");
                text.Append(invariant, $"eip712 domain separator {Hex(domain)}, message hash {Hex(messageHash)}, digest {Hex(digest)}\n");
            }

            text.Append(invariant, $"message sha256 {Sha256(challenge.Message)} ({Encoding.UTF8.GetByteCount(challenge.Message)} bytes)\n");
            text.Append(Begin).Append('\n').Append(challenge.Message).Append('\n').Append(End).Append('\n');
        }

        return text.ToString();
    }

    private static string RenderJson(ReserveRegistry registry, string custodian, IReadOnlyList<ChainChallenge> challenges)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", JsonFormat);
            w.WriteString("custodian", custodian);
            w.WriteString("round", registry.Round);
            w.WriteString("registry_sha256", Convert.ToHexStringLower(registry.Sha256));
            w.WriteStartArray("challenges");
            foreach (var challenge in challenges)
            {
                var chain = challenge.Chain;
                w.WriteStartObject();
                w.WriteString("chain", chain.Name);
                w.WriteString("family", chain.Family.ToString().ToLowerInvariant());
                if (chain.Family == ChainFamily.Evm)
                {
                    w.WriteNumber("chain_id", ChainId(chain));
                }

                w.WriteNumber("height", chain.Snapshot.Height);
                w.WriteString("hash", chain.Snapshot.Hash);
                w.WriteString("message", challenge.Message);
                w.WriteString("message_sha256", Sha256(challenge.Message));
                w.WriteStartArray("schemes");
                foreach (var scheme in Schemes(chain.Family))
                {
                    w.WriteStringValue(scheme);
                }

                w.WriteEndArray();
                w.WritePropertyName("typed_data");
                if (challenge.TypedData is { } typedData)
                {
                    w.WriteRawValue(typedData);
                    var (domain, messageHash, digest) = Eip712Hashes(typedData);
                    w.WriteString("eip191_text_digest", Hex(EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(challenge.Message))));
                    w.WriteString("eip712_domain_separator", Hex(domain));
                    w.WriteString("eip712_message_hash", Hex(messageHash));
                    w.WriteString("eip712_digest", Hex(digest));
                }
                else
                {
                    w.WriteNullValue();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
