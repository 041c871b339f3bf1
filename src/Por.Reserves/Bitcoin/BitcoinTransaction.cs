// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using Por.Crypto;

namespace Por.Reserves.Bitcoin;

/// <summary>The minimal transaction model BIP-322 needs: strict parsing and (non-)witness serialisation.</summary>
internal sealed class BitcoinTransaction
{
    internal BitcoinTransaction(uint version, IReadOnlyList<TransactionInput> inputs, IReadOnlyList<TransactionOutput> outputs, uint lockTime)
    {
        Version = version;
        Inputs = inputs;
        Outputs = outputs;
        LockTime = lockTime;
    }

    internal uint Version { get; }

    internal IReadOnlyList<TransactionInput> Inputs { get; }

    internal IReadOnlyList<TransactionOutput> Outputs { get; }

    internal uint LockTime { get; }

    /// <summary>Txid in internal byte order: SHA256d of the serialisation without witnesses.</summary>
    internal byte[] Txid() => BitcoinHashes.DoubleSha256(Serialize(includeWitness: false));

    internal byte[] Serialize(bool includeWitness)
    {
        var output = new List<byte>(256);
        var segwit = includeWitness && Inputs.Any(i => i.Witness.Count > 0);
        WriteUInt32(output, Version);
        if (segwit)
        {
            output.Add(0x00);
            output.Add(0x01);
        }

        CompactSize.Write(output, (ulong)Inputs.Count);
        foreach (var input in Inputs)
        {
            WriteOutpoint(output, input);
            WriteBytes(output, input.ScriptSig);
            WriteUInt32(output, input.Sequence);
        }

        CompactSize.Write(output, (ulong)Outputs.Count);
        foreach (var o in Outputs)
        {
            WriteOutput(output, o);
        }

        if (segwit)
        {
            foreach (var input in Inputs)
            {
                CompactSize.Write(output, (ulong)input.Witness.Count);
                foreach (var item in input.Witness)
                {
                    WriteBytes(output, item);
                }
            }
        }

        WriteUInt32(output, LockTime);
        return [.. output];
    }

    internal static bool TryParse(ReadOnlySpan<byte> data, out BitcoinTransaction? transaction)
    {
        transaction = null;
        var offset = 0;
        if (!TryReadUInt32(data, ref offset, out var version))
        {
            return false;
        }

        var segwit = offset + 2 <= data.Length && data[offset] == 0x00 && data[offset + 1] == 0x01;
        if (segwit)
        {
            offset += 2;
        }

        if (!TryReadInputs(data, ref offset, out var inputs))
        {
            return false;
        }

        if (!TryReadOutputs(data, ref offset, out var outputs))
        {
            return false;
        }

        var witnesses = new List<IReadOnlyList<byte[]>>();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (!segwit)
            {
                witnesses.Add([]);
                continue;
            }

            if (!TryReadStack(data, ref offset, out var stack))
            {
                return false;
            }

            witnesses.Add(stack);
        }

        if (!TryReadUInt32(data, ref offset, out var lockTime) || offset != data.Length)
        {
            return false;
        }

        transaction = new BitcoinTransaction(
            version,
            [.. inputs.Select((x, i) => new TransactionInput(x.Txid, x.Index, x.Script, x.Sequence, witnesses[i]))],
            outputs,
            lockTime);
        return true;
    }

    /// <summary>Parses a witness stack: CompactSize count, then CompactSize-length items.</summary>
    internal static bool TryReadStack(ReadOnlySpan<byte> data, ref int offset, out List<byte[]> stack)
    {
        stack = [];
        if (!CompactSize.TryRead(data, ref offset, out var count) || count > 10_000)
        {
            return false;
        }

        for (ulong i = 0; i < count; i++)
        {
            if (!TryReadBytes(data, ref offset, out var item))
            {
                return false;
            }

            stack.Add(item);
        }

        return true;
    }

    internal static void WriteOutpoint(List<byte> output, TransactionInput input)
    {
        output.AddRange(input.PreviousTxid);
        WriteUInt32(output, input.PreviousIndex);
    }

    internal static void WriteOutput(List<byte> output, TransactionOutput o)
    {
        Span<byte> value = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(value, o.Value);
        output.AddRange(value.ToArray());
        WriteBytes(output, o.ScriptPubKey);
    }

    internal static void WriteBytes(List<byte> output, byte[] bytes)
    {
        CompactSize.Write(output, (ulong)bytes.Length);
        output.AddRange(bytes);
    }

    internal static void WriteUInt32(List<byte> output, uint value)
    {
        output.Add(unchecked((byte)value));
        output.Add(unchecked((byte)(value >> 8)));
        output.Add(unchecked((byte)(value >> 16)));
        output.Add(unchecked((byte)(value >> 24)));
    }

    private static bool TryReadInputs(ReadOnlySpan<byte> data, ref int offset, out List<(byte[] Txid, uint Index, byte[] Script, uint Sequence)> inputs)
    {
        inputs = [];
        if (!CompactSize.TryRead(data, ref offset, out var inputCount) || inputCount == 0 || inputCount > 1000)
        {
            return false;
        }

        for (ulong i = 0; i < inputCount; i++)
        {
            if (offset + 36 > data.Length)
            {
                return false;
            }

            var txid = data.Slice(offset, 32).ToArray();
            offset += 32;
            if (!TryReadUInt32(data, ref offset, out var index) || !TryReadBytes(data, ref offset, out var script)
                || !TryReadUInt32(data, ref offset, out var sequence))
            {
                return false;
            }

            inputs.Add((txid, index, script, sequence));
        }

        return true;
    }

    private static bool TryReadOutputs(ReadOnlySpan<byte> data, ref int offset, out List<TransactionOutput> outputs)
    {
        outputs = [];
        if (!CompactSize.TryRead(data, ref offset, out var outputCount) || outputCount > 1000)
        {
            return false;
        }

        for (ulong i = 0; i < outputCount; i++)
        {
            if (offset + 8 > data.Length)
            {
                return false;
            }

            var value = BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]);
            offset += 8;
            if (!TryReadBytes(data, ref offset, out var script))
            {
                return false;
            }

            outputs.Add(new TransactionOutput(value, script));
        }

        return true;
    }

    private static bool TryReadUInt32(ReadOnlySpan<byte> data, ref int offset, out uint value)
    {
        value = 0;
        if (offset + 4 > data.Length)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
        offset += 4;
        return true;
    }

    private static bool TryReadBytes(ReadOnlySpan<byte> data, ref int offset, out byte[] bytes)
    {
        bytes = [];
        if (!CompactSize.TryRead(data, ref offset, out var length) || length > (ulong)(data.Length - offset))
        {
            return false;
        }

        bytes = data.Slice(offset, (int)length).ToArray();
        offset += (int)length;
        return true;
    }
}
