// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Snapshot;

/// <summary>The accepted snapshot layouts (specified in docs/formats.md).</summary>
public enum SnapshotFormat
{
    /// <summary>Choose from the file name and the first line.</summary>
    Auto,

    /// <summary>CSV with header <c>account_id,asset,amount</c>, one row per holding, an account's rows contiguous.</summary>
    CsvLong,

    /// <summary>CSV with header <c>account_id,SYM1,SYM2,…</c>, one row per account, empty cells meaning zero.</summary>
    CsvWide,

    /// <summary>JSON Lines: one <c>{"id": "…", "balances": {"SYM": "1.5"}}</c> object per line.</summary>
    JsonLines,

    /// <summary>OKX proof-of-reserves v2 input: JSON arrays of <c>{"id": …, "assets": {…}}</c> with integer base units.</summary>
    OkxV2,
}
