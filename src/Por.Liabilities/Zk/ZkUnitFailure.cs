// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>Why an encrypted work unit was refused (docs/distributed.md "Encryption").</summary>
public enum ZkUnitFailure
{
    /// <summary>Every check held.</summary>
    None,

    /// <summary>Not an encrypted unit (wrong magic, too short), or its plaintext is not a well-formed unit.</summary>
    Malformed,

    /// <summary>The unit belongs to another plan (its header names another plan id).</summary>
    OtherPlan,

    /// <summary>The unit is another batch's (its header names another b or B).</summary>
    OtherBatch,

    /// <summary>Authentication failed: the ciphertext, nonce, tag or header was altered, or the key is not this batch's.</summary>
    AuthenticationFailed,

    /// <summary>The decrypted unit contradicts the plan (parameter set, context, position, openings or their commitments).</summary>
    DoesNotMatchPlan,

    /// <summary>The unit file's SHA-256 is not the one the plan lists for the batch.</summary>
    HashMismatch,
}
