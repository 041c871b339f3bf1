// SPDX-License-Identifier: Apache-2.0

using NSec.Cryptography;
using NSecEd25519 = NSec.Cryptography.Ed25519;

namespace Por.Crypto.Native;

/// <summary>
/// Strict RFC 8032 Ed25519 (non-canonical S, small-order keys rejected) through NSec.Cryptography, which calls the
/// libsodium build bundled by the libsodium package (crypto_sign_ed25519_verify_detached and friends).
/// </summary>
public static class Ed25519
{
    /// <summary>Public key size.</summary>
    public const int PublicKeySize = 32;

    /// <summary>Signature size.</summary>
    public const int SignatureSize = 64;

    private static readonly Lazy<NSecEd25519> s_algorithm = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The platform's file name of the bundled library.</summary>
    internal static string FileName { get; } = BundledNativeLibrary.FileName("sodium", "libsodium.dll");

    /// <summary>Throws a <see cref="NativeLibraryUnavailableException"/> unless the bundled libsodium loads.</summary>
    /// <exception cref="NativeLibraryUnavailableException">The library is missing.</exception>
    public static void EnsureAvailable() => _ = Algorithm;

    /// <summary>Verifies a pure Ed25519 signature (no prehash, no context).</summary>
    /// <param name="message">The signed bytes.</param>
    /// <param name="signature">64 bytes.</param>
    /// <param name="publicKey">32 bytes.</param>
    /// <returns>True when valid.</returns>
    /// <exception cref="NativeLibraryUnavailableException">libsodium is missing.</exception>
    public static bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> publicKey)
    {
        var algorithm = Algorithm;
        if (signature.Length != SignatureSize || publicKey.Length != PublicKeySize)
        {
            return false;
        }

        return PublicKey.TryImport(algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key)
            && algorithm.Verify(key!, message, signature);
    }

    /// <summary>Derives a key pair from a 32-byte seed and signs (tests, vector generation, benchmarks).</summary>
    /// <param name="seed">32 bytes.</param>
    /// <param name="message">The bytes to sign.</param>
    /// <returns>The 64-byte signature and 32-byte public key.</returns>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsodium is missing.</exception>
    public static (byte[] Signature, byte[] PublicKey) Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var algorithm = Algorithm;
        if (seed.Length != 32)
        {
            throw new ArgumentException("Seed must be 32 bytes.", nameof(seed));
        }

        using var key = Key.Import(algorithm, seed, KeyBlobFormat.RawPrivateKey);
        return (algorithm.Sign(key, message), key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    // The test seam makes the library look absent without touching (and caching in) the lazy load.
    private static NSecEd25519 Algorithm => NativeLibraryGate.SimulatingMissing
        ? throw Missing(new DllNotFoundException("Unable to load shared library 'libsodium' (simulated by a test)"))
        : s_algorithm.Value;

    private static NativeLibraryUnavailableException Missing(Exception ex) =>
        BundledNativeLibrary.Missing("libsodium", FileName, "libsodium", ex);

    // NSec loads and initialises libsodium on first use and reports a library that does not load as
    // PlatformNotSupportedException (wrapping the loader's DllNotFoundException); a key import forces that here.
    private static NSecEd25519 Initialise()
    {
        try
        {
            var algorithm = SignatureAlgorithm.Ed25519;
            using var probe = Key.Import(algorithm, new byte[32], KeyBlobFormat.RawPrivateKey);
            return algorithm;
        }
        catch (Exception ex) when (ex is DllNotFoundException or PlatformNotSupportedException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw Missing(ex);
        }
    }
}
