// SPDX-License-Identifier: Apache-2.0

namespace Por.Verifier;

/// <summary>
/// The outcome of checking a customer's inclusion file (<see cref="PorVerifier.VerifyInclusion(byte[], byte[])"/>).
/// Fields read from the files are filled in as far as the files could be read, also when a check failed; they are
/// proven only when <see cref="Passed"/>.
/// </summary>
public sealed class InclusionResult
{
    /// <summary>The first failed check, or <see cref="VerifierFailure.None"/>.</summary>
    public required VerifierFailure Failure { get; init; }

    /// <summary>What failed, with the detail the verifier found (empty when passed). <see cref="VerifierFailures.Describe"/> gives the plain-words meaning.</summary>
    public required string Message { get; init; }

    /// <summary>Whether every check held.</summary>
    public bool Passed => Failure == VerifierFailure.None;

    /// <summary>Whether the round in the file was compared with a published manifest (one was given and read).</summary>
    public bool CheckedAgainstManifest { get; init; }

    /// <summary>The inclusion file's mode; null when the file could not be read.</summary>
    public VerifiedMode? Mode { get; init; }

    /// <summary>The round id.</summary>
    public string? RoundId { get; init; }

    /// <summary>The round's snapshot time (UTC).</summary>
    public DateTimeOffset? SnapshotTime { get; init; }

    /// <summary>The round's root, lowercase hex, as the inclusion file states it (equal to the manifest's when the file's round matches it).</summary>
    public string? Root { get; init; }

    /// <summary>The customer's account id.</summary>
    public string? AccountId { get; init; }

    /// <summary>The customer's non-zero balances in the round, in the round's asset order.</summary>
    public IReadOnlyList<AssetAmount> Balances { get; init; } = [];

    /// <summary>The round's totals of every asset, from the manifest; null without a manifest, or when the file's round differs from it.</summary>
    public IReadOnlyList<AssetAmount>? Totals { get; init; }

    /// <summary>zk: the parameter set of the round.</summary>
    public string? ParameterSetId { get; init; }

    /// <summary>zk: the number of batch proofs of the round.</summary>
    public int? BatchCount { get; init; }

    /// <summary>The result as JSON (snake_case names; amounts as decimal strings, never numbers).</summary>
    /// <returns>UTF-8 JSON, indented.</returns>
    public string ToJson() => ResultJson.Write(w =>
    {
        ResultJson.WriteStatus(w, Failure, Message);
        w.WriteBoolean("checked_against_manifest", CheckedAgainstManifest);
        ResultJson.WriteRound(w, Mode, RoundId, SnapshotTime, Root, ParameterSetId, BatchCount);
        if (AccountId is not null)
        {
            w.WriteString("account_id", AccountId);
        }

        ResultJson.WriteAmounts(w, "balances", Balances);
        if (Totals is not null)
        {
            ResultJson.WriteAmounts(w, "totals", Totals);
        }
    });
}
