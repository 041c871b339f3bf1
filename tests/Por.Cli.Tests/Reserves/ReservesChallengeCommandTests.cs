// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Por.Cli.Commands;
using Por.Reserves;
using Por.Reserves.Evm;
using Por.Reserves.Nodes;
using Por.Reserves.Ownership;
using Por.Reserves.Registry;
using Por.Testing;

namespace Por.Cli.Tests.Reserves;

/// <summary>
/// <c>por reserves challenge</c>: the printed text is the verifier's challenge byte for byte, the typed data is what the
/// eip712 scheme hashes, and what independent signers (Foundry's cast, bitcoinjs-message under node; both pinned in
/// tools/package.json) sign from the printed output verifies through <see cref="ReserveVerifier"/>, while a signature
/// over another round's printed challenge does not.
/// </summary>
public sealed class ReservesChallengeCommandTests
{
    private const string Custodian = "Acme Custody Ltd";
    private const string Round = "2026-11";

    // anvil's development key 0 (mnemonic "test test … junk") and its address; used for both chains below.
    private const string DevKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string DevAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    private static readonly (string Chain, long Height, string Hash)[] s_snapshots =
    [
        ("bitcoin", 800000, "00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054"),
        ("ethereum", 19000000, "0x9B83C12C69EDB74F6C8DD5D052765C1ADF940E320BD1291696E6FA07829EEDC7"),
        ("solana", 250000000, "4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZAMdL4VZHirAn"),
        ("tron", 60000000, "0000000003938700a2c3a4f1f2b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7"),
    ];

    private static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Por.slnx")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Por.slnx not found");
        }
    }

    private static string Cast => Path.Combine(Root, "tools", "node_modules", "@foundry-rs", "cast-linux-amd64", "bin", "cast");

    // A mainnet registry of four chains (one per family); the Ethereum hash is upper-case as a registry may write it.
    private static string RegistryJson(string round) => $$"""
        {
          "format": "por-reserves-registry/1", "round": "{{round}}", "network": "mainnet",
          "chains": {
            "bitcoin": { "family": "bitcoin", "bitcoinNetwork": "bitcoin", "genesis": "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", "snapshot": { "height": 800000, "hash": "{{s_snapshots[0].Hash}}" } },
            "ethereum": { "family": "evm", "chainId": 1, "snapshot": { "height": 19000000, "hash": "{{s_snapshots[1].Hash}}" } },
            "solana": { "family": "solana", "genesis": "{{KnownChains.SolanaMainnetGenesis}}", "snapshot": { "height": 250000000, "hash": "{{s_snapshots[2].Hash}}" } },
            "tron": { "family": "tron", "genesis": "{{KnownChains.TronMainnetGenesis}}", "snapshot": { "height": 60000000, "hash": "{{s_snapshots[3].Hash}}" } }
          },
          "assets": {
            "BTC": { "decimals": 8, "holdings": [ { "chain": "bitcoin" } ] },
            "ETH": { "decimals": 18, "holdings": [ { "chain": "ethereum" } ] },
            "SOL": { "decimals": 9, "holdings": [ { "chain": "solana" } ] },
            "TRX": { "decimals": 6, "holdings": [ { "chain": "tron" } ] }
          }
        }
        """;

    private static string WriteRegistry(string round = Round)
    {
        var path = Path.Combine(Path.GetTempPath(), $"por-challenge-registry-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, RegistryJson(round));
        return path;
    }

    private static ReserveRegistry Registry(string round = Round) =>
        ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(RegistryJson(round)), "registry.json");

    [Fact]
    public void Text_OneChain_ExactlyTheVerifierChallengeBytes()
    {
        var registry = WriteRegistry();
        foreach (var (chain, height, hash) in s_snapshots)
        {
            var expected = ChallengeMessage.For(Custodian, Round, chain, height, hash);
            var (exit, stdout, stderr) = CliRunner.Run("reserves", "challenge", "--registry", registry, "--custodian", Custodian, "--chain", chain, "--format", "text");
            Assert.True(exit == 0, stderr);
            Assert.Equal(expected, stdout);
            Assert.False(stdout.EndsWith('\n'));
            Assert.DoesNotContain('\r', stdout);

            // --out writes the same bytes as UTF-8 without a BOM.
            var file = Path.Combine(Path.GetTempPath(), $"por-challenge-{Guid.NewGuid():N}.txt");
            Assert.Equal(0, CliRunner.Run("reserves", "challenge", "--registry", registry, "--custodian", Custodian, "--chain", chain, "--out", file).Exit);
            Assert.Equal(Encoding.UTF8.GetBytes(expected), File.ReadAllBytes(file));
            File.Delete(file);
        }

        // Spot-check against the layout of docs/reserves.md §3 written out by hand (hex hashes lower-cased).
        Assert.Equal(
            "por reserves ownership challenge v1\ncustodian: Acme Custody Ltd\nround: 2026-11\nchain: ethereum\nsnapshot height: 19000000\nsnapshot block hash: 0x9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eedc7",
            CliRunner.Run("reserves", "challenge", "--registry", registry, "--custodian", Custodian, "--chain", "ethereum").Out);
    }

    [Fact]
    public void Text_AllChains_EachMessageBetweenDelimitersWithItsSha256()
    {
        var (exit, stdout, _) = CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry(), "--custodian", Custodian);
        Assert.Equal(0, exit);
        var blocks = stdout.Split("-----BEGIN POR CHALLENGE-----\n")[1..].Select(b => b[..b.IndexOf("\n-----END POR CHALLENGE-----\n", StringComparison.Ordinal)]).ToArray();
        Assert.Equal(s_snapshots.Select(s => ChallengeMessage.For(Custodian, Round, s.Chain, s.Height, s.Hash)), blocks);
        foreach (var block in blocks)
        {
            Assert.Contains($"message sha256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(block)))}", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Json_ListsEveryChainWithMessageHashAndTypedDataForEvm()
    {
        var (exit, stdout, _) = CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry(), "--custodian", Custodian, "--json");
        Assert.Equal(0, exit);
        var root = CliRunner.Json(stdout);
        Assert.Equal(ReservesChallengeCommand.JsonFormat, root.GetProperty("format").GetString());
        Assert.Equal(Round, root.GetProperty("round").GetString());
        Assert.Equal(Custodian, root.GetProperty("custodian").GetString());
        Assert.Equal(Convert.ToHexStringLower(Registry().Sha256), root.GetProperty("registry_sha256").GetString());
        var challenges = root.GetProperty("challenges").EnumerateArray().ToArray();
        Assert.Equal(s_snapshots.Select(s => s.Chain), challenges.Select(c => c.GetProperty("chain").GetString()));
        foreach (var (challenge, (chain, height, hash)) in challenges.Zip(s_snapshots))
        {
            var message = ChallengeMessage.For(Custodian, Round, chain, height, hash);
            Assert.Equal(message, challenge.GetProperty("message").GetString());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message))), challenge.GetProperty("message_sha256").GetString());
            Assert.Equal(height, challenge.GetProperty("height").GetInt64());
            Assert.Equal(hash, challenge.GetProperty("hash").GetString());
            var typedData = challenge.GetProperty("typed_data");
            if (string.Equals(chain, "ethereum", StringComparison.Ordinal))
            {
                Assert.Equal("evm", challenge.GetProperty("family").GetString());
                Assert.Equal(1, challenge.GetProperty("chain_id").GetInt64());
                Assert.Equal(ChallengeTypedData.Digest(message, 1), Eip712.Digest(typedData));
                Assert.Contains("eip712", challenge.GetProperty("schemes").EnumerateArray().Select(s => s.GetString()));
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, typedData.ValueKind);
                Assert.False(challenge.TryGetProperty("chain_id", out _));
            }
        }

        // --format json is the same document.
        Assert.Equal(stdout, CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry(), "--custodian", Custodian, "--format", "json").Out);
    }

    [Fact]
    public async Task Json_EvmDigestsEqualCastAndEthers()
    {
        var (exit, stdout, _) = CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry(), "--custodian", Custodian, "--chain", "ethereum", "--json");
        Assert.Equal(0, exit);
        var challenge = CliRunner.Json(stdout).GetProperty("challenges")[0];
        var message = challenge.GetProperty("message").GetString()!;

        // EIP-191 digest as Foundry's cast computes it from the text.
        Assert.Equal(await RunAsync(Cast, "hash-message", message), challenge.GetProperty("eip191_text_digest").GetString());

        // EIP-712 domain separator, struct hash and digest as ethers' TypedDataEncoder computes them from the printed typed data.
        const string Script = """
            const { TypedDataEncoder } = require('ethers');
            const data = JSON.parse(process.argv[1]);
            const types = { ...data.types };
            delete types.EIP712Domain;
            process.stdout.write(JSON.stringify({
              domain: TypedDataEncoder.hashDomain(data.domain),
              message: TypedDataEncoder.from(types).hash(data.message),
              digest: TypedDataEncoder.hash(data.domain, types, data.message),
            }));
            """;
        var ethers = JsonDocument.Parse(await RunAsync("node", "-e", Script, challenge.GetProperty("typed_data").GetRawText())).RootElement;
        Assert.Equal(ethers.GetProperty("domain").GetString(), challenge.GetProperty("eip712_domain_separator").GetString());
        Assert.Equal(ethers.GetProperty("message").GetString(), challenge.GetProperty("eip712_message_hash").GetString());
        Assert.Equal(ethers.GetProperty("digest").GetString(), challenge.GetProperty("eip712_digest").GetString());
        Assert.Equal("0x" + Convert.ToHexStringLower(ChallengeTypedData.Digest(message, 1)), challenge.GetProperty("eip712_digest").GetString());

        // The text output shows the same digests.
        var text = CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry(), "--custodian", Custodian).Out;
        Assert.Contains("eip191-text digest " + challenge.GetProperty("eip191_text_digest").GetString(), text, StringComparison.Ordinal);
        Assert.Contains("digest " + challenge.GetProperty("eip712_digest").GetString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Eip712_EvmChain_TypedDataTheVerifierHashes()
    {
        var (exit, stdout, _) = CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry(), "--custodian", Custodian, "--chain", "ethereum", "--format", "eip712");
        Assert.Equal(0, exit);
        var message = ChallengeMessage.For(Custodian, Round, "ethereum", 19000000, s_snapshots[1].Hash);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(ChallengeTypedData.Digest(message, 1), Eip712.Digest(document.RootElement));
        Assert.Equal(message, document.RootElement.GetProperty("message").GetProperty("challenge").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("domain").GetProperty("chainId").GetInt64());
    }

    [Fact]
    public void MissingRegistry_UsageErrorExit2NamingIt()
    {
        var (exit, stdout, stderr) = CliRunner.Run("reserves", "challenge", "--custodian", Custodian);
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("'--registry' is required", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--custodian", new[] { "--chain", "bitcoin" }, "required")]
    [InlineData("--chain", new[] { "--custodian", Custodian, "--chain", "litecoin" }, "'litecoin' is not a chain of the registry")]
    [InlineData("--custodian", new[] { "--custodian", "Acme\nround: 2026-12" }, "U+000A")]
    [InlineData("--custodian", new[] { "--custodian", "Acme\u202Eevil" }, "U+202E")]
    [InlineData("--custodian", new[] { "--custodian", "" }, "1 to 200 characters")]
    [InlineData("--custodian", new[] { "--custodian", " Acme" }, "white space")]
    [InlineData("--format", new[] { "--custodian", Custodian, "--chain", "bitcoin", "--format", "eip712" }, "eip712 is for EVM chains")]
    [InlineData("--format", new[] { "--custodian", Custodian, "--chain", "solana", "--format", "eip712" }, "eip712 is for EVM chains")]
    [InlineData("--chain", new[] { "--custodian", Custodian, "--format", "eip712" }, "name the EVM chain")]
    [InlineData("--format", new[] { "--custodian", Custodian, "--format", "pdf" }, "not text, eip712 or json")]
    [InlineData("--format", new[] { "--custodian", Custodian, "--format", "text", "--json" }, "cannot be combined")]
    public void BadInput_ExitTwoNamingTheField(string field, string[] arguments, string reason)
    {
        string[] args = ["reserves", "challenge", .. string.Equals(field, "--registry", StringComparison.Ordinal) ? [] : new[] { "--registry", WriteRegistry() }, .. arguments];
        var (exit, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        var error = stdout.Length > 0 ? CliRunner.Json(stdout).GetProperty("error").GetString()! : stderr;
        Assert.Contains($"field '{field}'", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        if (!arguments.Contains("--json"))
        {
            Assert.Empty(stdout);
        }
        else
        {
            Assert.Empty(stderr);
        }
    }

    [Fact]
    public void BadRegistry_ExitTwoNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"por-challenge-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, RegistryJson(Round).Replace("\"chainId\": 1", "\"chainId\": 0", StringComparison.Ordinal));
        var (exit, _, stderr) = CliRunner.Run("reserves", "challenge", "--registry", path, "--custodian", Custodian);
        Assert.Equal(2, exit);
        Assert.Contains(path, stderr, StringComparison.Ordinal);
        Assert.Contains("chains.ethereum", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CastSignsPrintedTextAndTypedData_VerifiedByReserveVerifier()
    {
        var typedDataFile = Path.Combine(Path.GetTempPath(), $"por-typed-{Guid.NewGuid():N}.json");
        var text = PrintedText(Round, "ethereum");
        Assert.Equal(0, CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry(), "--custodian", Custodian, "--chain", "ethereum", "--format", "eip712", "--out", typedDataFile).Exit);

        // personal_sign (EIP-191) of the printed text, and EIP-712 of the printed typed data, both by cast.
        var personal = await RunAsync(Cast, "wallet", "sign", "--private-key", DevKey, text);
        var typed = await RunAsync(Cast, "wallet", "sign", "--private-key", DevKey, "--data", "--from-file", typedDataFile);
        File.Delete(typedDataFile);

        // One row per declaration: the same address twice in one declaration would be a duplicate claim.
        foreach (var row in new[] { EthRow(1, SignatureScheme.Eip191Text, personal), EthRow(2, SignatureScheme.Eip712, typed) with { ChainId = 1 } })
        {
            var result = await VerifyAsync([row]);
            Assert.True(result.Rows[0].Status == RowStatus.Verified, $"{row.Scheme}: {result.Rows[0].Message}");

            // The signatures are bound to the round: declared in round 2026-12 (same chains and snapshots) they fail.
            var otherRound = await VerifyAsync([row], "2026-12");
            Assert.Equal(OwnershipFailure.KeyAddressMismatch, otherRound.Rows[0].Ownership.Failure);
        }
    }

    [Fact]
    public async Task CastSignsAnotherRoundsPrintedChallenge_FailsInThisRound()
    {
        var otherText = PrintedText("2026-10", "ethereum");
        Assert.Contains("round: 2026-10", otherText, StringComparison.Ordinal);
        var personal = await RunAsync(Cast, "wallet", "sign", "--private-key", DevKey, otherText);
        var result = await VerifyAsync([EthRow(1, SignatureScheme.Eip191Text, personal)]);
        Assert.Equal(RowStatus.Failed, result.Rows[0].Status);
        Assert.Equal(OwnershipFailure.KeyAddressMismatch, result.Rows[0].Ownership.Failure);

        // Declared with the other round's text as a static message it is only accepted as replayable, and only on request.
        var asStatic = await VerifyAsync([EthRow(1, SignatureScheme.Eip191Text, personal) with { Message = otherText }]);
        Assert.Equal(OwnershipFailure.MessageMismatch, asStatic.Rows[0].Ownership.Failure);
    }

    [Fact]
    public async Task BitcoinjsMessageSignsPrintedText_VerifiedAsBip137()
    {
        var messageFile = Path.Combine(Path.GetTempPath(), $"por-msg-{Guid.NewGuid():N}.txt");
        Assert.Equal(0, CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry(), "--custodian", Custodian, "--chain", "bitcoin", "--format", "text", "--out", messageFile).Exit);
        var otherFile = Path.Combine(Path.GetTempPath(), $"por-msg-{Guid.NewGuid():N}.txt");
        Assert.Equal(0, CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry("2026-10"), "--custodian", Custodian, "--chain", "bitcoin", "--format", "text", "--out", otherFile).Exit);

        // bitcoinjs-message signs the file's bytes as the message: P2PKH (header 31-34) and P2WPKH (39-42).
        const string Script = """
            const fs = require('fs');
            const bitcoin = require('bitcoinjs-lib');
            const ecc = require('tiny-secp256k1');
            const { ECPairFactory } = require('ecpair');
            const message = require('bitcoinjs-message');
            const pair = ECPairFactory(ecc).fromPrivateKey(Buffer.from(process.argv[1], 'hex'), { compressed: true });
            const priv = Buffer.from(pair.privateKey);
            const pubkey = Buffer.from(pair.publicKey);
            const out = [];
            for (const file of process.argv.slice(2)) {
              const text = fs.readFileSync(file, 'utf8');
              out.push({
                p2pkh: { address: bitcoin.payments.p2pkh({ pubkey }).address, signature: message.sign(text, priv, true).toString('base64') },
                p2wpkh: { address: bitcoin.payments.p2wpkh({ pubkey }).address, signature: message.sign(text, priv, true, { segwitType: 'p2wpkh' }).toString('base64') },
              });
            }
            process.stdout.write(JSON.stringify(out));
            """;
        var signed = JsonDocument.Parse(await RunAsync("node", "-e", Script, DevKey[2..], messageFile, otherFile)).RootElement;
        File.Delete(messageFile);
        File.Delete(otherFile);

        ReserveRow Row(int line, JsonElement entry) => new()
        {
            Line = line,
            Asset = "BTC",
            Chain = "bitcoin",
            Address = entry.GetProperty("address").GetString()!,
            Amount = 100_000_000,
            Decimals = 8,
            SnapshotHeight = 800000,
            SnapshotBlockHash = s_snapshots[0].Hash,
            Scheme = SignatureScheme.Bip137,
            Signatures = [entry.GetProperty("signature").GetString()!],
        };

        var thisRound = signed[0];
        var result = await VerifyAsync([Row(1, thisRound.GetProperty("p2pkh")), Row(2, thisRound.GetProperty("p2wpkh"))]);
        Assert.All(result.Rows, r => Assert.True(r.Status == RowStatus.Verified, $"line {r.Line}: {r.Message}"));

        var otherRound = signed[1];
        var failed = await VerifyAsync([Row(1, otherRound.GetProperty("p2pkh")), Row(2, otherRound.GetProperty("p2wpkh"))]);
        Assert.All(failed.Rows, r => Assert.Equal(OwnershipFailure.KeyAddressMismatch, r.Ownership.Failure));
    }

    private static string PrintedText(string round, string chain)
    {
        var (exit, stdout, stderr) = CliRunner.Run("reserves", "challenge", "--registry", WriteRegistry(round), "--custodian", Custodian, "--chain", chain, "--format", "text");
        Assert.True(exit == 0, stderr);
        return stdout;
    }

    private static ReserveRow EthRow(int line, SignatureScheme scheme, string signature) => new()
    {
        Line = line,
        Asset = "ETH",
        Chain = "ethereum",
        Address = DevAddress,
        Amount = 1_000_000_000_000_000_000,
        Decimals = 18,
        SnapshotHeight = 19000000,
        SnapshotBlockHash = s_snapshots[1].Hash,
        Scheme = scheme,
        Signatures = [signature],
    };

    // Every row's address holds exactly its claim, so a row fails only on ownership.
    private static async Task<ReserveVerificationResult> VerifyAsync(IReadOnlyList<ReserveRow> rows, string round = Round)
    {
        var registry = Registry(round);
        var nodes = rows.GroupBy(r => r.Chain, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IChainBalanceReader)new ScriptedChainReader(registry.Chains[g.Key].Identity, g.ToDictionary(r => r.Address, r => r.Amount, StringComparer.Ordinal)),
            StringComparer.Ordinal);
        return await new ReserveVerifier(registry, nodes, new ReserveVerifierOptions()).VerifyAsync(new ReserveDeclaration("por-reserves/1", Custodian, round, rows, "challenge-test.json"), TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = Path.Combine(Root, "tools", "node_modules");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        Assert.True(process.ExitCode == 0, $"{file} exited {process.ExitCode}: {await stderr.ConfigureAwait(false)}");
        return (await stdout.ConfigureAwait(false)).Trim();
    }
}
