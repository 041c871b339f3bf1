// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>Why an amount string was or was not converted to base units.</summary>
public enum AmountParseStatus
{
    /// <summary>Converted exactly.</summary>
    Ok,

    /// <summary>Not a plain decimal number (digits, optionally one '.' and more digits).</summary>
    Malformed,

    /// <summary>A leading minus sign: negative balances are rejected in this mode.</summary>
    Negative,

    /// <summary>Non-zero digits beyond the asset's decimal places.</summary>
    TooManyDecimals,

    /// <summary>The value does not fit 64-bit base units.</summary>
    Overflow,
}
