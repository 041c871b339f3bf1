// SPDX-License-Identifier: Apache-2.0

namespace Por.Testing;

/// <summary>How <see cref="FakeEvmChainServer"/> damages its answer to a JSON-RPC batch.</summary>
public enum BatchFault
{
    /// <summary>Every call answered once (in reverse order).</summary>
    None,

    /// <summary>One answer left out.</summary>
    DropOne,

    /// <summary>The last answer carries the first one's id (one id twice, one missing).</summary>
    DuplicateOne,

    /// <summary>One answer is a JSON-RPC error.</summary>
    ErrorOne,

    /// <summary>The last answer carries an id that was not asked for.</summary>
    UnknownId,

    /// <summary>The batch is refused as a whole: one JSON-RPC error object with id null, as nodes without batch support answer.</summary>
    Reject,
}
