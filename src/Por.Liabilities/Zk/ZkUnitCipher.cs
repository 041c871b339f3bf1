// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Por.Liabilities.Zk;

/// <summary>
/// Encryption of work units for transit (docs/distributed.md "Encryption"): AES-256-GCM (BCL) under a per-batch key
/// K_b = HKDF-SHA256(ikm = round key, salt = plan id, info = "por-round-unit/1 batch" ‖ i32le b), a 12-byte nonce from
/// the OS CSPRNG and a 16-byte tag; the associated data is the 32-byte header (magic ‖ plan id ‖ i32le b ‖ i32le B), so
/// a unit cannot be replayed as another batch, another plan's or another round's. The round key is 32 bytes from the
/// OS CSPRNG, kept in the operator's private directory and given to workers as a secret; a coordinator may hand out
/// only per-batch keys instead (<see cref="BatchKey"/>).
/// </summary>
public static class ZkUnitCipher
{
    /// <summary>Length of a round key and of a batch key.</summary>
    public const int KeyLength = 32;

    /// <summary>Length of the authenticated header.</summary>
    public const int HeaderLength = 8 + ZkRoundPlan.PlanIdLength + 8;

    private const int NonceLength = 12;
    private const int TagLength = 16;

    private static ReadOnlySpan<byte> Magic => "PORUE\0\0\u0001"u8;

    private static ReadOnlySpan<byte> Info => "por-round-unit/1 batch"u8;

    /// <summary>A new round key from the OS CSPRNG.</summary>
    /// <returns>32 bytes.</returns>
    public static byte[] NewRoundKey() => RandomNumberGenerator.GetBytes(KeyLength);

    /// <summary>Batch b's key, derived from the round key.</summary>
    /// <param name="roundKey">32 bytes.</param>
    /// <param name="planId">The plan id (16 bytes).</param>
    /// <param name="batchIndex">b.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] BatchKey(ReadOnlySpan<byte> roundKey, ReadOnlySpan<byte> planId, int batchIndex)
    {
        if (roundKey.Length != KeyLength)
        {
            throw new ArgumentException("A round key is 32 bytes.", nameof(roundKey));
        }

        Span<byte> info = stackalloc byte[Info.Length + 4];
        Info.CopyTo(info);
        BinaryPrimitives.WriteInt32LittleEndian(info[Info.Length..], batchIndex);
        var key = new byte[KeyLength];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, roundKey, key, planId, info);
        return key;
    }

    /// <summary>Encrypts a unit under its batch's key derived from the round key.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="roundKey">The round key.</param>
    /// <returns>The sealed bytes: header ‖ nonce ‖ tag ‖ ciphertext.</returns>
    public static byte[] Seal(ZkWorkUnit unit, ReadOnlySpan<byte> roundKey)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var plaintext = unit.ToBytes();
        var sealedBytes = new byte[HeaderLength + NonceLength + TagLength + plaintext.Length];
        var header = sealedBytes.AsSpan(0, HeaderLength);
        Magic.CopyTo(header);
        unit.PlanId.CopyTo(header[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[(8 + ZkRoundPlan.PlanIdLength)..], unit.BatchIndex);
        BinaryPrimitives.WriteInt32LittleEndian(header[(12 + ZkRoundPlan.PlanIdLength)..], unit.BatchCount);
        var nonce = sealedBytes.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        var key = BatchKey(roundKey, unit.PlanId, unit.BatchIndex);
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(HeaderLength + NonceLength + TagLength), sealedBytes.AsSpan(HeaderLength + NonceLength, TagLength), header);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return sealedBytes;
    }

    /// <summary>Decrypts batch b's unit with the round key.</summary>
    /// <param name="sealedBytes">The sealed unit.</param>
    /// <param name="roundKey">The round key.</param>
    /// <param name="planId">The plan the unit must belong to.</param>
    /// <param name="batchIndex">The batch it must be.</param>
    /// <param name="batchCount">B.</param>
    /// <returns>The unit.</returns>
    /// <exception cref="ZkUnitException">Malformed, another plan's or batch's, or altered / wrong key.</exception>
    public static ZkWorkUnit Open(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> roundKey, byte[] planId, int batchIndex, int batchCount) =>
        OpenWithBatchKey(sealedBytes, BatchKey(roundKey, planId, batchIndex), planId, batchIndex, batchCount);

    /// <summary>Decrypts batch b's unit with that batch's key alone.</summary>
    /// <param name="sealedBytes">The sealed unit.</param>
    /// <param name="batchKey">Batch b's key (<see cref="BatchKey"/>).</param>
    /// <param name="planId">The plan the unit must belong to.</param>
    /// <param name="batchIndex">The batch it must be.</param>
    /// <param name="batchCount">B.</param>
    /// <returns>The unit.</returns>
    /// <exception cref="ZkUnitException">Malformed, another plan's or batch's, or altered / wrong key.</exception>
    public static ZkWorkUnit OpenWithBatchKey(ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> batchKey, byte[] planId, int batchIndex, int batchCount)
    {
        ArgumentNullException.ThrowIfNull(planId);
        if (sealedBytes.Length < HeaderLength + NonceLength + TagLength || !sealedBytes.StartsWith(Magic))
        {
            throw new ZkUnitException(ZkUnitFailure.Malformed, batchIndex, Text(batchIndex, "is not an encrypted work unit"));
        }

        var header = sealedBytes[..HeaderLength];
        if (!header.Slice(8, ZkRoundPlan.PlanIdLength).SequenceEqual(planId))
        {
            throw new ZkUnitException(ZkUnitFailure.OtherPlan, batchIndex, Text(batchIndex, "belongs to another plan"));
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(header[(8 + ZkRoundPlan.PlanIdLength)..]) != batchIndex
            || BinaryPrimitives.ReadInt32LittleEndian(header[(12 + ZkRoundPlan.PlanIdLength)..]) != batchCount)
        {
            throw new ZkUnitException(ZkUnitFailure.OtherBatch, batchIndex, Text(batchIndex, "is another batch's unit"));
        }

        var plaintext = new byte[sealedBytes.Length - HeaderLength - NonceLength - TagLength];
        try
        {
            using var aes = new AesGcm(batchKey, TagLength);
            aes.Decrypt(
                sealedBytes.Slice(HeaderLength, NonceLength), sealedBytes[(HeaderLength + NonceLength + TagLength)..], sealedBytes.Slice(HeaderLength + NonceLength, TagLength), plaintext, header);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new ZkUnitException(ZkUnitFailure.AuthenticationFailed, batchIndex, Text(batchIndex, "does not authenticate: it was altered, or the key is not this round's"));
        }

        try
        {
            if (!ZkWorkUnit.TryParse(plaintext, out var unit))
            {
                throw new ZkUnitException(ZkUnitFailure.Malformed, batchIndex, Text(batchIndex, "decrypts to a malformed unit"));
            }

            if (!unit.PlanId.AsSpan().SequenceEqual(planId) || unit.BatchIndex != batchIndex || unit.BatchCount != batchCount)
            {
                throw new ZkUnitException(ZkUnitFailure.DoesNotMatchPlan, batchIndex, Text(batchIndex, "names another plan or position inside"));
            }

            return unit;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static string Text(int b, string what) => string.Create(CultureInfo.InvariantCulture, $"the work unit of batch {b} {what}");
}
