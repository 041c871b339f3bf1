// SPDX-License-Identifier: Apache-2.0

using System.Text.Json.Nodes;

namespace Por.Cli.Tests.Schemas;

/// <summary>One changed copy of a document, and what was changed.</summary>
/// <param name="Kind">The mutation class.</param>
/// <param name="Where">The JSON path of the change.</param>
/// <param name="Document">The changed document.</param>
public sealed record SchemaMutation(string Kind, string Where, JsonNode Document);
