// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Proving;

/// <summary>Why a proof was rejected (the first failing check).</summary>
public enum VerificationFailure
{
    /// <summary>The proof verified.</summary>
    None = 0,

    /// <summary>The pinned options give fewer proven bits than the policy minimum.</summary>
    BelowSecurityPolicy,

    /// <summary>The AIR and pinned options are incompatible.</summary>
    InvalidStatement,

    /// <summary>The proof bytes do not parse under the pinned shape (version, lengths, canonical elements, trailing bytes).</summary>
    MalformedProof,

    /// <summary>The proof was made in deterministic test mode and the policy refuses it.</summary>
    TestModeRefused,

    /// <summary>The proof-of-work nonce does not have enough leading zero bits.</summary>
    InsufficientProofOfWork,

    /// <summary>The composition polynomial at z does not match the constraints evaluated on the OOD frame.</summary>
    OodInconsistent,

    /// <summary>Opened leaves do not match the verifier's own query positions.</summary>
    QueryMismatch,

    /// <summary>A Merkle opening does not lead to its committed root.</summary>
    MerkleMismatch,

    /// <summary>A FRI layer value disagrees with the DEEP value or the previous fold.</summary>
    FriMismatch,

    /// <summary>The last folded values disagree with the remainder polynomial.</summary>
    RemainderMismatch,
}
