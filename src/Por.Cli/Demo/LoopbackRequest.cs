// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>One request to a <see cref="LoopbackHttpServer"/>.</summary>
/// <param name="Method">The HTTP method (<c>GET</c>, <c>POST</c>, …).</param>
/// <param name="Path">The absolute path of the URL.</param>
/// <param name="Body">The body as UTF-8 text (empty for GET).</param>
internal sealed record LoopbackRequest(string Method, string Path, string Body);
