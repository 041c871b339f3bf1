// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves.Bitcoin;

/// <summary>Parses a push-only script (scriptSig) into its pushed items.</summary>
internal static class ScriptPushes
{
    internal static bool TryParse(ReadOnlySpan<byte> script, out List<byte[]> items)
    {
        items = [];
        var offset = 0;
        while (offset < script.Length)
        {
            var opcode = script[offset++];
            int length;
            if (opcode == 0x00)
            {
                items.Add([]);
                continue;
            }

            if (opcode <= 0x4b)
            {
                length = opcode;
            }
            else if (opcode == 0x4c && offset < script.Length)
            {
                length = script[offset++];
            }
            else if (opcode == 0x4d && offset + 1 < script.Length)
            {
                length = script[offset] | (script[offset + 1] << 8);
                offset += 2;
            }
            else
            {
                return false;
            }

            if (offset + length > script.Length)
            {
                return false;
            }

            items.Add(script.Slice(offset, length).ToArray());
            offset += length;
        }

        return true;
    }
}
