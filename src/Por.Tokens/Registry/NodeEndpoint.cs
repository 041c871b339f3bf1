// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Nodes;

namespace Por.Tokens.Registry;

/// <summary>The operator's node for one chain: kind, URL, retry policy and optional Bitcoin Core credentials.</summary>
/// <param name="Kind"><c>evm</c>, <c>bitcoin-core</c> or <c>esplora</c>.</param>
/// <param name="Url">The endpoint (http or https, no embedded credentials).</param>
/// <param name="Policy">Attempts, backoff and per-attempt timeout.</param>
/// <param name="User">Bitcoin Core RPC user, or null.</param>
/// <param name="PasswordEnv">The environment variable holding the Bitcoin Core RPC password, or null.</param>
public sealed record NodeEndpoint(string Kind, Uri Url, RetryPolicy Policy, string? User, string? PasswordEnv);
