// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;

namespace Por.Tokens.Reserves;

/// <summary>
/// The message a token issuer's custody keys sign to prove ownership of reserve addresses. It names the token, the
/// chain and the evaluation period, so a proof made for another token, chain or period does not verify. The text
/// (LF line endings, no trailing newline) is then signed with the address's scheme exactly as por's reserves verifier
/// expects (BIP-322 or BIP-137 message, EIP-191, EIP-712, EIP-1271).
/// </summary>
public static class TokenOwnershipChallenge
{
    /// <summary>The first line; bump the version when the layout changes.</summary>
    public const string Header = "por token reserves ownership challenge v1";

    /// <summary>Builds the challenge text.</summary>
    /// <param name="tokenId">The token id of the supply registry.</param>
    /// <param name="chain">The chain name of the source (its <c>chain</c>).</param>
    /// <param name="period">The evaluation period the proofs cover.</param>
    /// <returns>The exact text to sign.</returns>
    public static string For(string tokenId, string chain, OwnershipPeriod period)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(period);
        return new StringBuilder()
            .Append(Header).Append('\n')
            .Append("token: ").Append(tokenId).Append('\n')
            .Append("chain: ").Append(chain).Append('\n')
            .Append("period from: ").Append(UtcTime.Format(period.From)).Append('\n')
            .Append("period until: ").Append(UtcTime.Format(period.Until))
            .ToString();
    }
}
