// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Por.Stark.Field;

namespace Por.Stark.Fiat;

/// <summary>
/// A SHA-256 hash-chain Fiat–Shamir transcript. Absorbing sets state ← H(0x10 ‖ state ‖ label ‖ len ‖ data);
/// drawing ratchets state ← H(0x11 ‖ state ‖ label) and expands output blocks H(0x12 ‖ state ‖ counter).
/// Challenges are sampled by rejection, so they are uniform. Field challenges exist only in the extension field.
/// </summary>
public sealed class Transcript
{
    private const byte AbsorbTag = 0x10;
    private const byte RatchetTag = 0x11;
    private const byte ExpandTag = 0x12;
    private const byte PowTag = 0x13;

    private readonly byte[] _state = new byte[32];
    private readonly IList<string>? _log;

    /// <summary>Creates a transcript for a protocol.</summary>
    /// <param name="domainSeparator">Protocol identifier, absorbed first.</param>
    /// <param name="log">Optional sink recording every operation label in order (transcript-order tests).</param>
    public Transcript(string domainSeparator, IList<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(domainSeparator);
        _log = log;
        Absorb("domain", Encoding.UTF8.GetBytes(domainSeparator));
    }

    /// <summary>The current 32-byte state (for tests).</summary>
    public ReadOnlySpan<byte> State => _state;

    /// <summary>Absorbs labelled data.</summary>
    /// <param name="label">An ASCII label.</param>
    /// <param name="data">The message bytes.</param>
    public void Absorb(string label, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(label);
        _log?.Add("absorb:" + label);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> header = stackalloc byte[9];
        header[0] = AbsorbTag;
        sha.AppendData(header[..1]);
        sha.AppendData(_state);
        AppendLabel(sha, label);
        BinaryPrimitives.WriteUInt64LittleEndian(header[1..], (ulong)data.Length);
        sha.AppendData(header[1..]);
        sha.AppendData(data);
        sha.GetHashAndReset(_state);
    }

    /// <summary>Draws a uniform extension-field challenge.</summary>
    /// <param name="label">An ASCII label.</param>
    /// <returns>The challenge.</returns>
    public GoldilocksExt3 DrawExtension(string label)
    {
        Ratchet(label);
        Span<byte> block = stackalloc byte[32];
        ulong counter = 0;
        while (true)
        {
            Expand(counter++, block);
            ulong a0 = BinaryPrimitives.ReadUInt64LittleEndian(block);
            ulong a1 = BinaryPrimitives.ReadUInt64LittleEndian(block[8..]);
            ulong a2 = BinaryPrimitives.ReadUInt64LittleEndian(block[16..]);
            if (a0 < Goldilocks.Modulus && a1 < Goldilocks.Modulus && a2 < Goldilocks.Modulus)
            {
                return new GoldilocksExt3(Goldilocks.FromCanonical(a0), Goldilocks.FromCanonical(a1), Goldilocks.FromCanonical(a2));
            }
        }
    }

    /// <summary>Draws <paramref name="count"/> distinct uniform integers in [0, bound), bound a power of two.</summary>
    /// <param name="label">An ASCII label.</param>
    /// <param name="count">How many distinct values.</param>
    /// <param name="bound">A power of two ≥ count.</param>
    /// <returns>The values in draw order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">count exceeds bound.</exception>
    public int[] DrawDistinctIndices(string label, int count, int bound)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, bound);
        if (bound <= 0 || (bound & (bound - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), "The bound must be a power of two.");
        }

        Ratchet(label);
        var result = new int[count];
        var seen = new HashSet<int>();
        Span<byte> block = stackalloc byte[32];
        ulong counter = 0;
        int filled = 0;
        while (filled < count)
        {
            Expand(counter++, block);
            for (int k = 0; k < 4 && filled < count; k++)
            {
                int v = (int)(BinaryPrimitives.ReadUInt64LittleEndian(block[(8 * k)..]) & (ulong)(bound - 1));
                if (seen.Add(v))
                {
                    result[filled++] = v;
                }
            }
        }

        return result;
    }

    /// <summary>Whether the nonce gives a proof-of-work digest H(0x13 ‖ state ‖ nonce) with ≥ bits leading zeros.</summary>
    /// <param name="nonce">The nonce.</param>
    /// <param name="bits">Required leading zero bits.</param>
    /// <returns>True when the work is sufficient.</returns>
    public bool CheckProofOfWork(ulong nonce, int bits) => CheckProofOfWork(_state, nonce, bits);

    /// <summary>Searches the smallest nonce (in parallel chunks) with sufficient work for the current state.</summary>
    /// <param name="bits">Required leading zero bits (0..32).</param>
    /// <returns>The nonce.</returns>
    public ulong Grind(int bits)
    {
        if (bits == 0)
        {
            return 0;
        }

        byte[] state = _state.ToArray();
        const ulong Chunk = 1 << 14;
        for (ulong start = 0; ; start += Chunk * (ulong)Environment.ProcessorCount)
        {
            ulong found = ulong.MaxValue;
            Lock gate = new();
            Parallel.For(0, Environment.ProcessorCount, ProverParallelism.Options, t =>
            {
                ulong from = start + ((ulong)t * Chunk);
                for (ulong nonce = from; nonce < from + Chunk; nonce++)
                {
                    if (CheckProofOfWork(state, nonce, bits))
                    {
                        lock (gate)
                        {
                            found = Math.Min(found, nonce);
                        }

                        return;
                    }
                }
            });
            if (found != ulong.MaxValue)
            {
                return found;
            }
        }
    }

    private static bool CheckProofOfWork(ReadOnlySpan<byte> state, ulong nonce, int bits)
    {
        Span<byte> input = stackalloc byte[1 + 32 + 8];
        input[0] = PowTag;
        state.CopyTo(input[1..]);
        BinaryPrimitives.WriteUInt64LittleEndian(input[33..], nonce);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(input, digest);
        ulong head = BinaryPrimitives.ReadUInt64BigEndian(digest);
        return bits == 0 || (bits <= 64 && ulong.LeadingZeroCount(head) >= (ulong)bits);
    }

    private void Ratchet(string label)
    {
        _log?.Add("draw:" + label);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlySpan<byte> tag = [RatchetTag];
        sha.AppendData(tag);
        sha.AppendData(_state);
        AppendLabel(sha, label);
        sha.GetHashAndReset(_state);
    }

    private void Expand(ulong counter, Span<byte> block)
    {
        Span<byte> input = stackalloc byte[1 + 32 + 8];
        input[0] = ExpandTag;
        _state.CopyTo(input[1..]);
        BinaryPrimitives.WriteUInt64LittleEndian(input[33..], counter);
        SHA256.HashData(input, block);
    }

    private static void AppendLabel(IncrementalHash sha, string label)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(label);
        Span<byte> len = [checked((byte)bytes.Length)];
        sha.AppendData(len);
        sha.AppendData(bytes);
    }
}
