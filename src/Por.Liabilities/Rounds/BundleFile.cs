// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Rounds;

/// <summary>A file of a round bundle as the manifest lists it.</summary>
/// <param name="Path">The path relative to the bundle directory, with '/' separators.</param>
/// <param name="Sha256">The file's SHA-256, lowercase hex.</param>
/// <param name="Bytes">The file's size.</param>
public sealed record BundleFile(string Path, string Sha256, long Bytes);
