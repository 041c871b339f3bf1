// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Globalization;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Reserves.Evm;
using Por.Tokens;
using Por.Tokens.MintGuard;
using Por.Tokens.Registry;

namespace Por.Cli.Commands;

/// <summary>
/// <c>por token feed deploy|update</c>: deploys a PorReserveFeed and publishes a token's reserves to it from a fresh
/// evaluation, signed with the updater key (docs/cli.md, docs/token-por.md "Mint guard").
/// </summary>
public static class TokenFeedCommands
{
    /// <summary>The default largest age of the evaluation a feed update publishes.</summary>
    public static readonly TimeSpan DefaultMaxAge = ReserveFeedDefaults.MaxAge;

    /// <summary>Builds the <c>feed</c> group.</summary>
    /// <param name="json">The root command's recursive <c>--json</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(Option<bool> json)
    {
        var feed = new Command("feed", "The on-chain reserve feed the mint guard reads (PorReserveFeed): deploy it, publish reserves to it");
        feed.Subcommands.Add(Deploy(json));
        feed.Subcommands.Add(Update(json));
        return feed;
    }

    private static Option<string> Registry() => Inputs.Path("--registry", "The supply registry (por-token-registry/1): the chain's node and pinned chain id", required: true);

    private static Option<string> Chain() => new("--chain") { Description = "The registry chain (EVM) the feed lives on", Required = true };

    private static Option<string> Key() => Inputs.Path("--key", "The updater's secp256k1 secret key: 64 hex digits in a file of mode 0600", required: true);

    private static Command Deploy(Option<bool> json)
    {
        var registry = Registry();
        var chain = Chain();
        var key = Key();
        var decimals = new Option<int>("--decimals") { Description = "The feed answer's decimals (0-255)", Required = true };
        var description = new Option<string>("--description") { Description = "What the feed measures", DefaultValueFactory = _ => "por reserves" };
        var updater = new Option<string?>("--updater") { Description = "The address allowed to publish (default: the key's address); the key's account becomes the owner" };
        var command = new Command("deploy", "Deploy a PorReserveFeed from the key's account and check its decimals and updater on chain") { registry, chain, key, decimals, description, updater };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, ctx => DeployAsync(
            ctx, parse.GetValue(registry)!, parse.GetValue(chain)!, parse.GetValue(key)!, parse.GetValue(decimals), parse.GetValue(description)!, parse.GetValue(updater), cancellationToken)));
        return command;
    }

    private static Command Update(Option<bool> json)
    {
        var registry = Registry();
        var chain = Chain();
        var key = Key();
        var token = new Option<string>("--token") { Description = "The registry token whose reserves are published", Required = true };
        var feed = new Option<string>("--feed") { Description = "The PorReserveFeed contract address", Required = true };
        var maxAge = new Option<int>("--max-age") { Description = "Refuse an evaluation older than this many seconds when the transaction is built (default 300)", DefaultValueFactory = _ => (int)DefaultMaxAge.TotalSeconds };
        var command = new Command("update", "Evaluate the token now and publish its total reserves to the feed, only from fresh, complete evidence; exit 0 only when a new round holds them") { registry, chain, key, token, feed, maxAge };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, ctx => UpdateAsync(
            ctx, parse.GetValue(registry)!, parse.GetValue(chain)!, parse.GetValue(key)!, parse.GetValue(token)!, parse.GetValue(feed)!, parse.GetValue(maxAge),
            StandardReserveReaders.Create(), cancellationToken)));
        return command;
    }

    private static async Task<int> DeployAsync(CliContext ctx, string registryPath, string chainName, string keyPath, int decimals, string description, string? updaterText, CancellationToken cancellationToken)
    {
        if (decimals is < 0 or > 255)
        {
            throw new InputException("command line", 0, "--decimals", $"{decimals} is outside 0..255");
        }

        var registry = TokenRegistryReader.Read(registryPath);
        var chain = EvmChain(registry, chainName);
        var key = UpdaterKey.Read(keyPath);
        var updater = key.Address;
        if (updaterText is not null && !EvmAddress.TryParse(updaterText, out updater, out var error))
        {
            throw new InputException("command line", 0, "--updater", error);
        }

        using var nodes = new ChainNodes(registry, Environment.GetEnvironmentVariable);
        var feedUpdater = new ReserveFeedUpdater(nodes.Transport(chain.Name), chain.ChainId!.Value, key);
        var (feed, hash) = await feedUpdater.DeployAsync(decimals, description, updater, cancellationToken).ConfigureAwait(false);
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", "deployed");
                w.WriteNumber("exit_code", ExitCodes.Ok);
                w.WriteNull("failure_code");
                w.WriteString("chain", chain.Name);
                w.WriteNumber("chain_id", chain.ChainId.Value);
                w.WriteString("feed", feed);
                w.WriteNumber("decimals", decimals);
                w.WriteString("description", description);
                w.WriteString("owner", key.AddressText);
                w.WriteString("updater", EvmAddress.ToChecksum(updater));
                w.WriteString("transaction_hash", hash);
            });
        }
        else
        {
            ctx.Line($"deployed PorReserveFeed {feed} on {chain.Name} (chain id {chain.ChainId.Value}): {decimals} decimals, updater {EvmAddress.ToChecksum(updater)}, owner {key.AddressText}, transaction {hash}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The body of <c>por token feed update</c> with the reserve readers as a parameter (tests pass their doubles), writing
    /// to the given streams; input errors throw <see cref="InputException"/> and node failures NodeException, as the
    /// command maps them to exits 2 and 3.
    /// </summary>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="json">Write the result as JSON.</param>
    /// <param name="registryPath">The supply registry.</param>
    /// <param name="chainName">The feed's chain in the registry.</param>
    /// <param name="keyPath">The updater key file.</param>
    /// <param name="tokenId">The token.</param>
    /// <param name="feedText">The feed address.</param>
    /// <param name="maxAgeSeconds">The largest evaluation age.</param>
    /// <param name="readers">The reserve source readers.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>0 when a new round holds the reserves, 1 when the update was refused.</returns>
    public static Task<int> UpdateAsync(
        TextWriter stdout, TextWriter stderr, bool json, string registryPath, string chainName, string keyPath, string tokenId, string feedText, int maxAgeSeconds,
        IReserveSourceReader readers, CancellationToken cancellationToken)
    {
        var ctx = new CliContext(stdout, stderr, json);
        return UpdateAsync(ctx, registryPath, chainName, keyPath, tokenId, feedText, maxAgeSeconds, readers, cancellationToken);
    }

    private static async Task<int> UpdateAsync(
        CliContext ctx, string registryPath, string chainName, string keyPath, string tokenId, string feedText, int maxAgeSeconds, IReserveSourceReader readers, CancellationToken cancellationToken)
    {
        if (maxAgeSeconds <= 0)
        {
            throw new InputException("command line", 0, "--max-age", "must be a positive number of seconds");
        }

        if (!EvmAddress.TryParse(feedText, out var feedAddress, out var error))
        {
            throw new InputException("command line", 0, "--feed", error);
        }

        var registry = TokenRegistryReader.Read(registryPath);
        var chain = EvmChain(registry, chainName);
        var token = registry.Token(tokenId)
            ?? throw new InputException("command line", 0, "--token", $"'{tokenId}' is not a token of the registry ({string.Join(", ", registry.Tokens.Select(t => t.Id))})");
        var key = UpdaterKey.Read(keyPath);
        var feed = EvmAddress.ToChecksum(feedAddress);

        using var nodes = new ChainNodes(registry, Environment.GetEnvironmentVariable);
        var evaluation = await new TokenEvaluator(registry, readers, nodes).EvaluateAsync(token, null, cancellationToken).ConfigureAwait(false);
        var feedUpdater = new ReserveFeedUpdater(nodes.Transport(chain.Name), chain.ChainId!.Value, key);
        var result = await feedUpdater.UpdateAsync(feed, evaluation, TimeSpan.FromSeconds(maxAgeSeconds), cancellationToken).ConfigureAwait(false);
        var exit = result.Outcome == FeedUpdateOutcome.Updated ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", exit == ExitCodes.Ok ? "updated" : "refused");
                w.WriteNumber("exit_code", exit);
                if (exit == ExitCodes.Ok)
                {
                    w.WriteNull("failure_code");
                }
                else
                {
                    w.WriteString("failure_code", result.Code);
                }

                w.WriteString("outcome", result.Code);
                w.WriteString("token", token.Id);
                w.WriteString("evaluation_status", FailureCodes.Of(evaluation.Status));
                w.WriteString("evaluated_at", UtcTime.Format(evaluation.EvaluatedAt));
                w.WriteString("total_reserves", evaluation.TotalReserves.ToString(CultureInfo.InvariantCulture));
                w.WriteNumber("token_decimals", evaluation.Decimals);
                w.WriteString("chain", chain.Name);
                w.WriteString("feed", feed);
                w.WriteNumber("feed_decimals", result.FeedDecimals);
                w.WriteString("answer", result.Answer.ToString(CultureInfo.InvariantCulture));
                w.WriteNumber("updated_at", result.UpdatedAt);
                w.WriteString("round_id", result.RoundId.ToString(CultureInfo.InvariantCulture));
                if (result.TransactionHash is null)
                {
                    w.WriteNull("transaction_hash");
                }
                else
                {
                    w.WriteString("transaction_hash", result.TransactionHash);
                }

                w.WriteString("detail", result.Detail);
            });
        }
        else if (exit == ExitCodes.Ok)
        {
            ctx.Line($"{token.Id}: feed {feed} updated: {result.Detail}");
        }
        else
        {
            ctx.Error.WriteLine($"{token.Id}: feed {feed} not updated ({result.Code}): {result.Detail}");
        }

        return exit;
    }

    private static TokenChain EvmChain(TokenRegistry registry, string name) =>
        !registry.Chains.TryGetValue(name, out var chain)
            ? throw new InputException("command line", 0, "--chain", $"'{name}' is not a chain of the registry ({string.Join(", ", registry.Chains.Keys)})")
            : chain.ChainId is null
                ? throw new InputException("command line", 0, "--chain", $"'{name}' is not an EVM chain with a chain id")
                : chain;
}
