// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>The answer a <see cref="LoopbackHttpServer"/> sends.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Body">The body, sent as UTF-8.</param>
internal sealed record LoopbackResponse(int Status, string ContentType, string Body);
