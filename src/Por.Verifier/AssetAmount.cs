// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Verifier;

/// <summary>An amount of one asset in integer base units, with the asset's decimals (no floating point).</summary>
/// <param name="Symbol">The asset symbol, as in the round's asset list.</param>
/// <param name="Units">The amount in base units (e.g. satoshi for BTC with 8 decimals).</param>
/// <param name="Decimals">How many decimal places one unit of the asset has.</param>
public readonly record struct AssetAmount(string Symbol, ulong Units, int Decimals)
{
    /// <summary>The canonical decimal text, as in por's files: no thousands separators, no trailing zeros (<c>1234.5</c>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Amount.Format(Units, Decimals);

    /// <summary>The amount for people: thousands separated by commas, the fraction kept exact (<c>1,234.5</c>).</summary>
    /// <returns>The text.</returns>
    public string ToDisplayString()
    {
        var text = ToString();
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var grouped = new System.Text.StringBuilder(whole.Length + (whole.Length / 3));
        for (var i = 0; i < whole.Length; i++)
        {
            if (i > 0 && (whole.Length - i) % 3 == 0)
            {
                grouped.Append(',');
            }

            grouped.Append(whole[i]);
        }

        return dot < 0 ? grouped.ToString() : grouped.Append(text.AsSpan(dot)).ToString();
    }
}
