// SPDX-License-Identifier: Apache-2.0

namespace Por.Crypto.Native;

/// <summary>
/// Managed wrapper over libsecp256k1 (the build bundled by the Secp256k1.Net package): ECDSA public-key recovery and verification, BIP-340 Schnorr.
/// One context is created on first use and shared (libsecp256k1's const calls are thread-safe).
/// </summary>
public static unsafe class Secp256k1
{
    /// <summary>Size of a compressed SEC1 public key.</summary>
    public const int CompressedPublicKeySize = 33;

    /// <summary>Size of an uncompressed SEC1 public key.</summary>
    public const int UncompressedPublicKeySize = 65;

    private static readonly Lazy<nint> s_context = new(CreateContext, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Throws a <see cref="NativeLibraryUnavailableException"/> unless the bundled libsecp256k1 loads.</summary>
    /// <exception cref="NativeLibraryUnavailableException">The library is missing.</exception>
    public static void EnsureAvailable() => _ = Context;

    /// <summary>Recovers the public key from a 64-byte compact signature (r ‖ s, big-endian) and recovery id.
    /// High-S signatures are accepted, as legacy message signing requires.</summary>
    /// <param name="messageHash">The 32-byte digest that was signed.</param>
    /// <param name="signature">r ‖ s, 64 bytes.</param>
    /// <param name="recoveryId">0–3.</param>
    /// <param name="compressed">Serialise the key compressed (33 bytes) or uncompressed (65 bytes).</param>
    /// <returns>The SEC1 public key, or null when recovery fails (r or s out of range, no such point).</returns>
    /// <exception cref="ArgumentException">Wrong input sizes.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static byte[]? RecoverPublicKey(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> signature, int recoveryId, bool compressed)
    {
        RequireLength(messageHash, 32, nameof(messageHash));
        RequireLength(signature, 64, nameof(signature));
        if (recoveryId is < 0 or > 3)
        {
            return null;
        }

        var context = Context;
        Span<byte> recoverable = stackalloc byte[65];
        Span<byte> publicKey = stackalloc byte[64];
        fixed (byte* sig = signature)
        fixed (byte* rec = recoverable)
        fixed (byte* hash = messageHash)
        fixed (byte* pub = publicKey)
        {
            if (Secp256k1Native.RecoverableSignatureParseCompact(context, rec, sig, recoveryId) != 1)
            {
                return null;
            }

            if (Secp256k1Native.Recover(context, pub, rec, hash) != 1)
            {
                return null;
            }

            return Serialize(context, pub, compressed);
        }
    }

    /// <summary>Verifies a 64-byte compact ECDSA signature; high-S signatures are rejected (BIP-146 LOW_S).</summary>
    /// <param name="messageHash">The 32-byte digest.</param>
    /// <param name="signature">r ‖ s, 64 bytes.</param>
    /// <param name="publicKey">A 33- or 65-byte SEC1 key.</param>
    /// <returns>True when valid.</returns>
    /// <exception cref="ArgumentException">Wrong input sizes.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static bool VerifyCompact(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> publicKey)
    {
        RequireLength(messageHash, 32, nameof(messageHash));
        RequireLength(signature, 64, nameof(signature));
        var context = Context;
        Span<byte> parsed = stackalloc byte[64];
        fixed (byte* sig = signature)
        fixed (byte* p = parsed)
        {
            if (Secp256k1Native.SignatureParseCompact(context, p, sig) != 1)
            {
                return false;
            }
        }

        return VerifyParsed(context, parsed, messageHash, publicKey);
    }

    /// <summary>Verifies a DER-encoded ECDSA signature (strict DER, low-S).</summary>
    /// <param name="messageHash">The 32-byte digest.</param>
    /// <param name="derSignature">The DER signature without a sighash byte.</param>
    /// <param name="publicKey">A 33- or 65-byte SEC1 key.</param>
    /// <returns>True when valid.</returns>
    /// <exception cref="ArgumentException">Wrong digest size.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static bool VerifyDer(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> derSignature, ReadOnlySpan<byte> publicKey)
    {
        RequireLength(messageHash, 32, nameof(messageHash));
        if (derSignature.IsEmpty)
        {
            return false;
        }

        var context = Context;
        Span<byte> parsed = stackalloc byte[64];
        fixed (byte* der = derSignature)
        fixed (byte* p = parsed)
        {
            if (Secp256k1Native.SignatureParseDer(context, p, der, (nuint)derSignature.Length) != 1)
            {
                return false;
            }
        }

        return VerifyParsed(context, parsed, messageHash, publicKey);
    }

    /// <summary>Returns whether <paramref name="publicKey"/> is a valid 33- or 65-byte SEC1 point.</summary>
    /// <param name="publicKey">The candidate key.</param>
    /// <returns>True for a valid point encoding.</returns>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length is not (CompressedPublicKeySize or UncompressedPublicKeySize))
        {
            return false;
        }

        var context = Context;
        Span<byte> parsed = stackalloc byte[64];
        fixed (byte* input = publicKey)
        fixed (byte* p = parsed)
        {
            return Secp256k1Native.PublicKeyParse(context, p, input, (nuint)publicKey.Length) == 1;
        }
    }

    /// <summary>Converts a valid SEC1 key to the requested form.</summary>
    /// <param name="publicKey">A 33- or 65-byte key.</param>
    /// <param name="compressed">Target form.</param>
    /// <returns>The key, or null when it is not a valid point.</returns>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static byte[]? ReserializePublicKey(ReadOnlySpan<byte> publicKey, bool compressed)
    {
        if (publicKey.Length is not (CompressedPublicKeySize or UncompressedPublicKeySize))
        {
            return null;
        }

        var context = Context;
        Span<byte> parsed = stackalloc byte[64];
        fixed (byte* input = publicKey)
        fixed (byte* p = parsed)
        {
            return Secp256k1Native.PublicKeyParse(context, p, input, (nuint)publicKey.Length) == 1
                ? Serialize(context, p, compressed)
                : null;
        }
    }

    /// <summary>Verifies a BIP-340 Schnorr signature over a 32-byte message.</summary>
    /// <param name="message">The message (32 bytes for BIP-341 sighashes).</param>
    /// <param name="signature">64 bytes.</param>
    /// <param name="xOnlyPublicKey">32-byte x-only key.</param>
    /// <returns>True when valid.</returns>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static bool VerifySchnorr(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> xOnlyPublicKey)
    {
        if (signature.Length != 64 || xOnlyPublicKey.Length != 32)
        {
            return false;
        }

        var context = Context;
        Span<byte> xonly = stackalloc byte[64];
        fixed (byte* input = xOnlyPublicKey)
        fixed (byte* x = xonly)
        fixed (byte* sig = signature)
        fixed (byte* msg = message)
        {
            if (Secp256k1Native.XOnlyPublicKeyParse(context, x, input) != 1)
            {
                return false;
            }

            return Secp256k1Native.SchnorrVerify(context, sig, msg, (nuint)message.Length, x) == 1;
        }
    }

    /// <summary>Derives the SEC1 public key of a secret key (used by tests, vector generation and benchmarks).</summary>
    /// <param name="secretKey">32 bytes.</param>
    /// <param name="compressed">Output form.</param>
    /// <returns>The public key.</returns>
    /// <exception cref="ArgumentException">The secret key is invalid.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static byte[] CreatePublicKey(ReadOnlySpan<byte> secretKey, bool compressed)
    {
        RequireLength(secretKey, 32, nameof(secretKey));
        var context = Context;
        Span<byte> parsed = stackalloc byte[64];
        fixed (byte* sk = secretKey)
        fixed (byte* p = parsed)
        {
            if (Secp256k1Native.PublicKeyCreate(context, p, sk) != 1)
            {
                throw new ArgumentException("Invalid secp256k1 secret key.", nameof(secretKey));
            }

            return Serialize(context, p, compressed);
        }
    }

    /// <summary>Signs a digest with RFC 6979 nonces and returns (r ‖ s, recovery id); low-S.</summary>
    /// <param name="messageHash">32-byte digest.</param>
    /// <param name="secretKey">32-byte secret key.</param>
    /// <returns>The 64-byte compact signature and its recovery id.</returns>
    /// <exception cref="ArgumentException">Wrong sizes or an invalid key.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static (byte[] Signature, int RecoveryId) SignRecoverable(ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> secretKey)
    {
        RequireLength(messageHash, 32, nameof(messageHash));
        RequireLength(secretKey, 32, nameof(secretKey));
        var context = Context;
        Span<byte> recoverable = stackalloc byte[65];
        var output = new byte[64];
        int recoveryId;
        fixed (byte* hash = messageHash)
        fixed (byte* sk = secretKey)
        fixed (byte* rec = recoverable)
        fixed (byte* o = output)
        {
            if (Secp256k1Native.SignRecoverable(context, rec, hash, sk, 0, 0) != 1)
            {
                throw new ArgumentException("Invalid secp256k1 secret key.", nameof(secretKey));
            }

            Check(Secp256k1Native.RecoverableSignatureSerializeCompact(context, o, &recoveryId, rec));
        }

        return (output, recoveryId);
    }

    /// <summary>BIP-340 signs a 32-byte message, optionally after a BIP-341 x-only tweak of the key pair.</summary>
    /// <param name="message">32 bytes.</param>
    /// <param name="secretKey">32-byte secret key.</param>
    /// <param name="tweak">Null, or a 32-byte tweak added to the key pair first (Taproot output key).</param>
    /// <param name="auxiliaryRandom">32 bytes of auxiliary randomness.</param>
    /// <returns>The 64-byte signature and the 32-byte x-only public key that verifies it.</returns>
    /// <exception cref="ArgumentException">Wrong sizes or an invalid key or tweak.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static (byte[] Signature, byte[] XOnlyPublicKey) SignSchnorr(ReadOnlySpan<byte> message, ReadOnlySpan<byte> secretKey, byte[]? tweak, ReadOnlySpan<byte> auxiliaryRandom)
    {
        RequireLength(message, 32, nameof(message));
        RequireLength(secretKey, 32, nameof(secretKey));
        RequireLength(auxiliaryRandom, 32, nameof(auxiliaryRandom));
        var context = Context;
        Span<byte> keypair = stackalloc byte[96];
        Span<byte> xonly = stackalloc byte[64];
        var signature = new byte[64];
        var xOnlyKey = new byte[32];
        fixed (byte* sk = secretKey)
        fixed (byte* kp = keypair)
        fixed (byte* x = xonly)
        fixed (byte* msg = message)
        fixed (byte* aux = auxiliaryRandom)
        fixed (byte* sig = signature)
        fixed (byte* xk = xOnlyKey)
        {
            if (Secp256k1Native.KeypairCreate(context, kp, sk) != 1)
            {
                throw new ArgumentException("Invalid secp256k1 secret key.", nameof(secretKey));
            }

            if (tweak is not null)
            {
                RequireLength(tweak, 32, nameof(tweak));
                fixed (byte* t = tweak)
                {
                    if (Secp256k1Native.KeypairXOnlyTweakAdd(context, kp, t) != 1)
                    {
                        throw new ArgumentException("Invalid tweak.", nameof(tweak));
                    }
                }
            }

            Check(Secp256k1Native.SchnorrSign32(context, sig, msg, kp, aux));
            int parity;
            Check(Secp256k1Native.KeypairXOnlyPublicKey(context, x, &parity, kp));
            Check(Secp256k1Native.XOnlyPublicKeySerialize(context, xk, x));
        }

        return (signature, xOnlyKey);
    }

    /// <summary>Returns the x-only (BIP-340) public key of a secret key, before any tweak.</summary>
    /// <param name="secretKey">32 bytes.</param>
    /// <returns>32 bytes.</returns>
    /// <exception cref="ArgumentException">Invalid key.</exception>
    /// <exception cref="NativeLibraryUnavailableException">libsecp256k1 is missing.</exception>
    public static byte[] CreateXOnlyPublicKey(ReadOnlySpan<byte> secretKey)
    {
        var compressed = CreatePublicKey(secretKey, compressed: true);
        return compressed[1..];
    }

    private static bool VerifyParsed(nint context, ReadOnlySpan<byte> parsedSignature, ReadOnlySpan<byte> messageHash, ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length is not (CompressedPublicKeySize or UncompressedPublicKeySize))
        {
            return false;
        }

        Span<byte> parsedKey = stackalloc byte[64];
        fixed (byte* input = publicKey)
        fixed (byte* key = parsedKey)
        fixed (byte* sig = parsedSignature)
        fixed (byte* hash = messageHash)
        {
            if (Secp256k1Native.PublicKeyParse(context, key, input, (nuint)publicKey.Length) != 1)
            {
                return false;
            }

            return Secp256k1Native.Verify(context, sig, hash, key) == 1;
        }
    }

    private static byte[] Serialize(nint context, byte* publicKey64, bool compressed)
    {
        var output = new byte[compressed ? CompressedPublicKeySize : UncompressedPublicKeySize];
        nuint length = (nuint)output.Length;
        fixed (byte* o = output)
        {
            Check(Secp256k1Native.PublicKeySerialize(context, o, &length, publicKey64, compressed ? Secp256k1Native.EcCompressed : Secp256k1Native.EcUncompressed));
        }

        return output;
    }

    private static void Check(int result)
    {
        if (result != 1)
        {
            throw new InvalidOperationException("libsecp256k1 reported an unexpected failure.");
        }
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"Expected {length} bytes, got {value.Length}.", name);
        }
    }

    /// <summary>The platform's file name of the bundled library.</summary>
    internal static string FileName { get; } = BundledNativeLibrary.FileName("secp256k1", "secp256k1.dll");

    // The loaded context; the test seam makes the library look absent without touching (and caching in) the lazy load.
    private static nint Context => NativeLibraryGate.SimulatingMissing
        ? throw Missing(new DllNotFoundException($"Unable to load shared library '{Secp256k1Native.Library}' (simulated by a test)"))
        : s_context.Value;

    private static NativeLibraryUnavailableException Missing(Exception ex) =>
        BundledNativeLibrary.Missing("libsecp256k1", FileName, "Secp256k1.Net", ex);

    private static nint CreateContext()
    {
        try
        {
            var context = Secp256k1Native.ContextCreate(Secp256k1Native.ContextNone);
            if (context == 0)
            {
                throw new NativeLibraryUnavailableException("libsecp256k1 failed to create a context.");
            }

            return context;
        }
        catch (DllNotFoundException ex)
        {
            throw Missing(ex);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new NativeLibraryUnavailableException(
                $"The {FileName} that loaded lacks the recovery/extrakeys/schnorrsig modules; por needs the build bundled by the Secp256k1.Net package.", ex);
        }
    }
}
