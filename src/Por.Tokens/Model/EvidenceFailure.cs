// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Model;

/// <summary>Why one piece of supply or reserve evidence cannot be used; <see cref="None"/> when it can.</summary>
public enum EvidenceFailure
{
    /// <summary>The evidence is usable.</summary>
    None,

    /// <summary>Older than its source allows (heartbeat, statement validity, confirmation clock).</summary>
    Stale,

    /// <summary>Carries no observation time of its own, so its freshness cannot be judged.</summary>
    Unclocked,

    /// <summary>Part of the source could not be read (a node down, an address missing): never a partial total.</summary>
    Incomplete,

    /// <summary>The source raised its ripcord: it asks that no value be published.</summary>
    Ripcord,

    /// <summary>A feed answered zero or a negative value.</summary>
    NonPositiveAnswer,

    /// <summary>A signature did not verify against the pinned key, or ownership was not proven where it is required.</summary>
    BadSignature,

    /// <summary>A declared field (decimals, chain id, owner, block hash) differs from what the chain or the registry says.</summary>
    Mismatch,

    /// <summary>A node failed after retries.</summary>
    NodeFault,

    /// <summary>A lock-and-mint representation exceeds its escrow, or bridged supply would be counted twice.</summary>
    ConservationViolated,
}
