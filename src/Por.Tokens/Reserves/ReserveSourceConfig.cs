// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Reserves;

/// <summary>One parsed element of the registry's <c>reserves</c> array (docs/token-por.md "Reserve sources").</summary>
/// <param name="Id">The source id (unique within the token).</param>
/// <param name="Kind">The kind (<see cref="ReserveSourceKinds"/>).</param>
public abstract record ReserveSourceConfig(string Id, string Kind);
