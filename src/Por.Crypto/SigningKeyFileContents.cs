// SPDX-License-Identifier: Apache-2.0

namespace Por.Crypto;

/// <summary>The validated contents of a signing key file.</summary>
/// <param name="Algorithm">The algorithm.</param>
/// <param name="Name">The key holder's name, as written (callers check it against their own rules).</param>
/// <param name="PublicKey">The public key (its size and, for secp256k1, the point are checked).</param>
/// <param name="SecretKey">The secret key (its public key is checked to be <paramref name="PublicKey"/>), or null.</param>
public sealed record SigningKeyFileContents(SigningAlgorithm Algorithm, string Name, byte[] PublicKey, byte[]? SecretKey);
