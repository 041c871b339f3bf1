// SPDX-License-Identifier: Apache-2.0

namespace Por.WebVerifier;

/// <summary>A file the customer dropped, with the role the page gave it.</summary>
/// <param name="Name">The file name.</param>
/// <param name="Bytes">The contents.</param>
/// <param name="Role">What the page uses it as.</param>
internal sealed record DroppedFile(string Name, byte[] Bytes, FileRole Role);
