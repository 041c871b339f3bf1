// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;

namespace Por.Cli.Commands;

/// <summary>The <c>por token</c> command group (token proof of reserves, docs/token-por.md): one subcommand per line.</summary>
public static class TokenCommands
{
    /// <summary>Builds the group.</summary>
    /// <param name="json">The root command's recursive <c>--json</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(Option<bool> json)
    {
        var token = new Command("token", "Token proof of reserves: circulating supply on every chain against reserve evidence");
        token.Subcommands.Add(TokenCheckCommand.Create(json));
        token.Subcommands.Add(TokenStatementCommands.Create(json));
        return token;
    }
}
