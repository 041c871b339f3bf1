// SPDX-License-Identifier: Apache-2.0

namespace Por.Verifier;

/// <summary>The outcome of checking a zk round's batch proofs (<see cref="PorVerifier.VerifyRound(byte[], IEnumerable{KeyValuePair{string, byte[]}})"/>).</summary>
public sealed class RoundResult
{
    /// <summary>The first failed check, or <see cref="VerifierFailure.None"/>.</summary>
    public required VerifierFailure Failure { get; init; }

    /// <summary>What failed, with the detail the verifier found (empty when passed).</summary>
    public required string Message { get; init; }

    /// <summary>Whether every check held: every batch proof verified, they chain, and they prove the manifest's totals and root.</summary>
    public bool Passed => Failure == VerifierFailure.None;

    /// <summary>The manifest's mode; null when it could not be read.</summary>
    public VerifiedMode? Mode { get; init; }

    /// <summary>The round id.</summary>
    public string? RoundId { get; init; }

    /// <summary>The round's snapshot time (UTC).</summary>
    public DateTimeOffset? SnapshotTime { get; init; }

    /// <summary>The published root, lowercase hex.</summary>
    public string? Root { get; init; }

    /// <summary>The round's totals (proven when <see cref="Passed"/>).</summary>
    public IReadOnlyList<AssetAmount>? Totals { get; init; }

    /// <summary>The parameter set.</summary>
    public string? ParameterSetId { get; init; }

    /// <summary>The number of batch proofs the manifest lists.</summary>
    public int? BatchCount { get; init; }

    /// <summary>How many batch proofs were verified (all of them when passed, else 0).</summary>
    public int BatchesVerified { get; init; }

    /// <summary>The result as JSON (snake_case names; amounts as decimal strings).</summary>
    /// <returns>UTF-8 JSON, indented.</returns>
    public string ToJson() => ResultJson.Write(w =>
    {
        ResultJson.WriteStatus(w, Failure, Message);
        ResultJson.WriteRound(w, Mode, RoundId, SnapshotTime, Root, ParameterSetId, BatchCount);
        w.WriteNumber("batches_verified", BatchesVerified);
        if (Totals is not null)
        {
            ResultJson.WriteAmounts(w, "totals", Totals);
        }
    });
}
