// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.Monitoring;

/// <summary>
/// One mint: an ERC-20 <c>Transfer(address(0), to, value)</c> log of a deployment of the token, with the value in the
/// token's canonical base units.
/// </summary>
/// <param name="Chain">The deployment's chain.</param>
/// <param name="Contract">The deployment's contract (lower-case hex).</param>
/// <param name="Height">The block of the log.</param>
/// <param name="TransactionHash">The transaction (lower-case 0x-hex).</param>
/// <param name="LogIndex">The log's index in its block.</param>
/// <param name="Amount">The minted amount in canonical base units (scaled from the deployment's decimals, rounded down).</param>
/// <param name="BlockTime">The block's timestamp.</param>
public sealed record MintEvent(string Chain, string Contract, long Height, string TransactionHash, long LogIndex, BigInteger Amount, DateTimeOffset BlockTime);
