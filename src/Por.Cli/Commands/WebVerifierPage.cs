// SPDX-License-Identifier: Apache-2.0

using System.IO.Compression;
using Por.Common;

namespace Por.Cli.Commands;

/// <summary>
/// The offline web verifier page (docs/web-verifier.md), embedded in por at build time and written by
/// <c>por round build</c> into every bundle, beside the manifest. It is a program, not data: the same bytes for every
/// round, so customers (and their tools) can pin its SHA-256.
/// </summary>
internal static class WebVerifierPage
{
    /// <summary>The page's file name in a bundle.</summary>
    public const string FileName = "por-verify.html";

    /// <summary>The page's bytes.</summary>
    /// <returns>The embedded page.</returns>
    public static byte[] Bytes()
    {
        // Embedded gzip-compressed (Por.Cli.csproj, CompressPorVerifyPage): the release binary has a size budget.
        using var stream = typeof(WebVerifierPage).Assembly.GetManifestResourceStream(FileName + ".gz")
            ?? throw new InvalidOperationException($"{FileName} is not embedded in this build of por");
        using var page = new GZipStream(stream, CompressionMode.Decompress);
        using var copy = new MemoryStream();
        page.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Writes the page into a bundle directory (atomically).</summary>
    /// <param name="bundle">The bundle directory.</param>
    public static void WriteInto(string bundle) => AtomicFile.WriteAllBytes(Path.Combine(bundle, FileName), Bytes());
}
