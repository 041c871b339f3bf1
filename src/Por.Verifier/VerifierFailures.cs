// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Verifier;

/// <summary>The machine code and the plain-words meaning of each <see cref="VerifierFailure"/>.</summary>
public static class VerifierFailures
{
    /// <summary>The snake-case code of a failure (<c>RootMismatch</c> → <c>root_mismatch</c>), as written in JSON.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The code; <c>none</c> for <see cref="VerifierFailure.None"/>.</returns>
    public static string Code(VerifierFailure failure) => SnakeCase.Of(failure);

    /// <summary>What a failure means, in plain words for a customer.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>One or two sentences.</returns>
    public static string Describe(VerifierFailure failure) => failure switch
    {
        VerifierFailure.None => "Every check passed.",
        VerifierFailure.InclusionMalformed => "Your inclusion file could not be read: it is not a por inclusion file, or it was damaged or edited.",
        VerifierFailure.ManifestMalformed => "The manifest could not be read: it is not a por round manifest, or it was damaged or edited.",
        VerifierFailure.ModeMismatch => "Your inclusion file and the manifest are of different kinds (one transparent, one zero-knowledge), so they cannot be from the same round.",
        VerifierFailure.RoundMismatch => "Your inclusion file is for a different round than the manifest, or one of the two was altered.",
        VerifierFailure.ParametersRefused => "The round uses proof parameters this verifier does not accept (unknown, or for tests only).",
        VerifierFailure.RootNotBound => "The round's published root does not match the round's own facts (totals, assets, time): the file was altered.",
        VerifierFailure.ProofMalformed => "The proof in your file has the wrong shape: it was damaged or altered.",
        VerifierFailure.SumOverflow => "The sums in your file's proof overflow: the file was altered.",
        VerifierFailure.TotalMismatch => "The amounts do not add up to the round's stated totals.",
        VerifierFailure.RootMismatch => "Your account and balances do not lead to the round's root: you are not included as shown, or the file was altered.",
        VerifierFailure.NotZkRound => "Batch proofs exist only in zero-knowledge rounds; this manifest is of a transparent round.",
        VerifierFailure.FileListInvalid => "The manifest does not list exactly the round's batch proofs and statements.",
        VerifierFailure.FileMissing => "A batch proof or statement that the manifest lists was not given.",
        VerifierFailure.FileDuplicated => "Two different files were given under the same name.",
        VerifierFailure.FileSizeMismatch => "A batch file differs from the one the manifest lists (its size differs).",
        VerifierFailure.FileDigestMismatch => "A batch file differs from the one the manifest lists (its SHA-256 fingerprint differs).",
        VerifierFailure.StatementMalformed => "A batch statement could not be read.",
        VerifierFailure.StatementMismatch => "A batch statement is not for this round, or not for its place in the round.",
        VerifierFailure.ChainBroken => "The batches do not chain together: one is missing, repeated or out of order.",
        VerifierFailure.BatchProofRejected => "A batch proof does not verify: the round's totals are not proven.",
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };
}
