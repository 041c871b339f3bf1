// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Nodes;

/// <summary>Why a node could not answer; every kind fails the rows it affects.</summary>
public enum NodeFailureKind
{
    /// <summary>No answer within the configured timeout, after retries.</summary>
    Timeout,

    /// <summary>HTTP 429 (or a JSON-RPC rate-limit error) persisted after retries with backoff.</summary>
    RateLimited,

    /// <summary>Connection refused, DNS failure, 5xx after retries.</summary>
    Unreachable,

    /// <summary>The node serves another chain than configured (chain id / genesis).</summary>
    WrongChain,

    /// <summary>The block at the snapshot height has another hash than declared.</summary>
    BlockMismatch,

    /// <summary>The node has pruned the state at the snapshot (not an archive node).</summary>
    NoHistoricalState,

    /// <summary>A malformed or unexpected response, or a JSON-RPC error.</summary>
    Protocol,
}
