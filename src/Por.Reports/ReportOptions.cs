// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports;

/// <summary>Settings of a report that are not in its inputs.</summary>
public sealed record ReportOptions
{
    /// <summary>The stablecoins counted by default.</summary>
    public static IReadOnlyList<string> DefaultStablecoins { get; } = ["USDT", "USDC", "DAI", "FDUSD", "TUSD", "USDP", "PYUSD", "USDD", "BUSD", "USDE"];

    /// <summary>The custodian's own platform token (e.g. "OKB"), or null.</summary>
    public string? PlatformToken { get; init; }

    /// <summary>Symbols counted as stablecoins.</summary>
    public IReadOnlyList<string> Stablecoins { get; init; } = DefaultStablecoins;
}
