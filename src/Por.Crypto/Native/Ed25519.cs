// SPDX-License-Identifier: Apache-2.0

namespace Por.Crypto.Native;

/// <summary>Managed wrapper over libsodium's strict RFC 8032 Ed25519 (non-canonical S, small-order keys rejected).</summary>
public static unsafe class Ed25519
{
    /// <summary>Public key size.</summary>
    public const int PublicKeySize = 32;

    /// <summary>Signature size.</summary>
    public const int SignatureSize = 64;

    private static readonly Lazy<bool> s_initialised = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Throws a <see cref="NativeLibraryUnavailableException"/> unless libsodium.so.23 loads.</summary>
    /// <exception cref="NativeLibraryUnavailableException">The library is missing.</exception>
    public static void EnsureAvailable() => _ = Initialised;

    /// <summary>Verifies a pure Ed25519 signature (no prehash, no context).</summary>
    /// <param name="message">The signed bytes.</param>
    /// <param name="signature">64 bytes.</param>
    /// <param name="publicKey">32 bytes.</param>
    /// <returns>True when valid.</returns>
    /// <exception cref="NativeLibraryUnavailableException">libsodium is missing.</exception>
    public static bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> publicKey)
    {
        _ = Initialised;
        if (signature.Length != SignatureSize || publicKey.Length != PublicKeySize)
        {
            return false;
        }

        fixed (byte* sig = signature)
        fixed (byte* msg = message)
        fixed (byte* pk = publicKey)
        {
            return SodiumNative.VerifyDetached(sig, msg, (ulong)message.Length, pk) == 0;
        }
    }

    /// <summary>Derives a key pair from a 32-byte seed and signs (tests, vector generation, benchmarks).</summary>
    /// <param name="seed">32 bytes.</param>
    /// <param name="message">The bytes to sign.</param>
    /// <returns>The 64-byte signature and 32-byte public key.</returns>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsodium is missing.</exception>
    public static (byte[] Signature, byte[] PublicKey) Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        _ = Initialised;
        if (seed.Length != 32)
        {
            throw new ArgumentException("Seed must be 32 bytes.", nameof(seed));
        }

        var publicKey = new byte[PublicKeySize];
        var signature = new byte[SignatureSize];
        Span<byte> secretKey = stackalloc byte[64];
        fixed (byte* s = seed)
        fixed (byte* pk = publicKey)
        fixed (byte* sk = secretKey)
        fixed (byte* msg = message)
        fixed (byte* sig = signature)
        {
            if (SodiumNative.SeedKeypair(pk, sk, s) != 0)
            {
                throw new InvalidOperationException("libsodium failed to derive a key pair.");
            }

            ulong length;
            if (SodiumNative.SignDetached(sig, &length, msg, (ulong)message.Length, sk) != 0)
            {
                throw new InvalidOperationException("libsodium failed to sign.");
            }
        }

        secretKey.Clear();
        return (signature, publicKey);
    }

    // The test seam makes the library look absent without touching (and caching in) the lazy load.
    private static bool Initialised => NativeLibraryGate.SimulatingMissing
        ? throw Missing(new DllNotFoundException($"Unable to load shared library '{SodiumNative.Library}' (simulated by a test)"))
        : s_initialised.Value;

    private static NativeLibraryUnavailableException Missing(DllNotFoundException ex) => new(
        "libsodium.so.23 is not installed; install the Debian package libsodium23 (apt-get install libsodium23).", ex);

    private static bool Initialise()
    {
        try
        {
            if (SodiumNative.Init() < 0)
            {
                throw new NativeLibraryUnavailableException("libsodium failed to initialise.");
            }

            return true;
        }
        catch (DllNotFoundException ex)
        {
            throw Missing(ex);
        }
    }
}
