// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Por.Cluster;

/// <summary>
/// Wraps a batch's unit key for one worker (docs/distributed.md, "Secrets in transit"): an ephemeral X25519 key pair per
/// wrap, the shared secret with the worker's public key through HKDF-SHA-256 (salt: both public keys; info: the run id,
/// batch index and lease id) into a ChaCha20-Poly1305 key, which seals the unit key with the same binding as associated
/// data. Wire form: ephemeral public key (32) ‖ ciphertext with tag. A wrap opened for another run, batch or lease, or by
/// another key, fails.
/// </summary>
public static class UnitKeyWrap
{
    private static readonly byte[] s_label = Encoding.ASCII.GetBytes("por-cluster-unit-key/1");

    /// <summary>Wraps <paramref name="unitKey"/> for <paramref name="workerPublicKey"/>.</summary>
    /// <param name="unitKey">The secret to hand over.</param>
    /// <param name="workerPublicKey">The leasing worker's X25519 public key (checked against the authorised list first).</param>
    /// <param name="runId">The run.</param>
    /// <param name="batchIndex">The batch.</param>
    /// <param name="leaseId">The lease the key is for.</param>
    /// <returns>The wrapped key.</returns>
    /// <exception cref="ArgumentException">The public key is not a valid X25519 key.</exception>
    public static byte[] Wrap(ReadOnlySpan<byte> unitKey, ReadOnlySpan<byte> workerPublicKey, Guid runId, int batchIndex, long leaseId)
    {
        if (!PublicKey.TryImport(KeyAgreementAlgorithm.X25519, workerPublicKey, KeyBlobFormat.RawPublicKey, out PublicKey? worker) || worker is null)
        {
            throw new ArgumentException("not an X25519 public key", nameof(workerPublicKey));
        }

        using var ephemeral = Key.Create(KeyAgreementAlgorithm.X25519);
        byte[] ephemeralPublic = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        using SharedSecret shared = KeyAgreementAlgorithm.X25519.Agree(ephemeral, worker)
            ?? throw new ArgumentException("the worker public key gives no shared secret (low-order point)", nameof(workerPublicKey));
        byte[] info = Binding(runId, batchIndex, leaseId);
        using Key aead = DeriveKey(shared, ephemeralPublic, workerPublicKey, info);
        byte[] sealedKey = AeadAlgorithm.ChaCha20Poly1305.Encrypt(aead, new byte[AeadAlgorithm.ChaCha20Poly1305.NonceSize], info, unitKey);
        return [.. ephemeralPublic, .. sealedKey];
    }

    /// <summary>Unwraps a key wrapped for <paramref name="worker"/>.</summary>
    /// <param name="wrapped">The wrapped key.</param>
    /// <param name="worker">The worker's key pair.</param>
    /// <param name="runId">The run.</param>
    /// <param name="batchIndex">The batch.</param>
    /// <param name="leaseId">The lease.</param>
    /// <param name="unitKey">The unit key.</param>
    /// <returns>False when the wrap is not for this key, run, batch and lease, or was altered.</returns>
    public static bool TryUnwrap(ReadOnlySpan<byte> wrapped, WorkerKey worker, Guid runId, int batchIndex, long leaseId, out byte[] unitKey)
    {
        ArgumentNullException.ThrowIfNull(worker);
        unitKey = [];
        int publicSize = KeyAgreementAlgorithm.X25519.PublicKeySize;
        if (wrapped.Length < publicSize + AeadAlgorithm.ChaCha20Poly1305.TagSize
            || !PublicKey.TryImport(KeyAgreementAlgorithm.X25519, wrapped[..publicSize], KeyBlobFormat.RawPublicKey, out PublicKey? ephemeral) || ephemeral is null)
        {
            return false;
        }

        using SharedSecret? shared = KeyAgreementAlgorithm.X25519.Agree(worker.Key, ephemeral);
        if (shared is null)
        {
            return false;
        }

        byte[] info = Binding(runId, batchIndex, leaseId);
        using Key aead = DeriveKey(shared, wrapped[..publicSize], worker.PublicKey, info);
        byte[]? opened = AeadAlgorithm.ChaCha20Poly1305.Decrypt(aead, new byte[AeadAlgorithm.ChaCha20Poly1305.NonceSize], info, wrapped[publicSize..]);
        if (opened is null)
        {
            return false;
        }

        unitKey = opened;
        return true;
    }

    // The nonce is all zero: every wrap derives a fresh key from a fresh ephemeral key pair, so a key seals one message.
    private static Key DeriveKey(SharedSecret shared, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> workerPublic, byte[] info) =>
        KeyDerivationAlgorithm.HkdfSha256.DeriveKey(shared, [.. ephemeralPublic, .. workerPublic], info, AeadAlgorithm.ChaCha20Poly1305);

    private static byte[] Binding(Guid runId, int batchIndex, long leaseId)
    {
        var info = new byte[s_label.Length + 16 + 4 + 8];
        s_label.CopyTo(info, 0);
        runId.TryWriteBytes(info.AsSpan(s_label.Length, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(info.AsSpan(s_label.Length + 16), batchIndex);
        BinaryPrimitives.WriteInt64BigEndian(info.AsSpan(s_label.Length + 20), leaseId);
        return info;
    }

    /// <summary>Zeroes a secret buffer.</summary>
    /// <param name="secret">The buffer.</param>
    public static void Clear(byte[]? secret)
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
