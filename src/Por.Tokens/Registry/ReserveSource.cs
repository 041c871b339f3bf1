// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;

namespace Por.Tokens.Registry;

/// <summary>
/// One element of a token's <c>reserves</c> array. The registry reader checks only <c>id</c> and <c>kind</c>; the
/// element belongs to the reader of its kind (<see cref="IReserveSourceReader"/>), which validates the rest.
/// </summary>
/// <param name="Id">The source's id (unique within the token).</param>
/// <param name="Kind">The source kind, e.g. <c>evm_custody</c>, <c>btc_custody</c>, <c>reserve_feed</c>, <c>signed_statement</c>.</param>
/// <param name="Element">The whole element (a detached clone: valid after the file is closed).</param>
/// <param name="File">The registry file, for errors.</param>
/// <param name="Line">The element's 1-based line in the file.</param>
/// <param name="Path">The element's field path, e.g. <c>tokens[0].reserves[1]</c>, for errors.</param>
public sealed record ReserveSource(string Id, string Kind, JsonElement Element, string File, long Line, string Path);
