// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;

namespace Por.Crypto.Native;

/// <summary>P/Invoke declarations for Debian's libsodium (soname libsodium.so.23).</summary>
internal static unsafe partial class SodiumNative
{
    internal const string Library = "libsodium.so.23";

    [LibraryImport(Library, EntryPoint = "sodium_init")]
    internal static partial int Init();

    [LibraryImport(Library, EntryPoint = "crypto_sign_ed25519_verify_detached")]
    internal static partial int VerifyDetached(byte* signature64, byte* message, ulong messageLength, byte* publicKey32);

    [LibraryImport(Library, EntryPoint = "crypto_sign_ed25519_detached")]
    internal static partial int SignDetached(byte* signature64, ulong* signatureLength, byte* message, ulong messageLength, byte* secretKey64);

    [LibraryImport(Library, EntryPoint = "crypto_sign_ed25519_seed_keypair")]
    internal static partial int SeedKeypair(byte* publicKey32, byte* secretKey64, byte* seed32);
}
