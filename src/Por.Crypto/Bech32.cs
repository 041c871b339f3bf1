// SPDX-License-Identifier: Apache-2.0

using System.Text;

namespace Por.Crypto;

/// <summary>Bech32 / bech32m strings (BIP-173, BIP-350) and segwit address decoding.</summary>
public static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Bech32mConstant = 0x2bc830a3;
    private const int MaxLength = 90;

    private static readonly uint[] s_generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>Decodes a bech32 or bech32m string into its human-readable part and 5-bit data (checksum removed).</summary>
    /// <param name="text">The string; all lower or all upper case, at most 90 characters.</param>
    /// <param name="hrp">The human-readable part in lower case.</param>
    /// <param name="data">The 5-bit values without the checksum.</param>
    /// <param name="encoding">Which checksum constant matched.</param>
    /// <returns>True when the string is well formed and its checksum is valid.</returns>
    public static bool TryDecode(string text, out string hrp, out byte[] data, out Bech32Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(text);
        hrp = string.Empty;
        data = [];
        encoding = Bech32Encoding.Bech32;
        if (text.Length > MaxLength)
        {
            return false;
        }

        if (!HasValidCharacters(text))
        {
            return false;
        }

        var lower = text.ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length)
        {
            return false;
        }

        var values = new byte[lower.Length - separator - 1];
        for (var i = 0; i < values.Length; i++)
        {
            var index = Charset.IndexOf(lower[separator + 1 + i], StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }

            values[i] = (byte)index;
        }

        var humanPart = lower[..separator];
        var checksum = Polymod(ExpandHrp(humanPart), values);
        if (checksum == 1)
        {
            encoding = Bech32Encoding.Bech32;
        }
        else if (checksum == Bech32mConstant)
        {
            encoding = Bech32Encoding.Bech32m;
        }
        else
        {
            return false;
        }

        hrp = humanPart;
        data = values[..^6];
        return true;
    }

    /// <summary>Encodes a human-readable part and 5-bit data with the given checksum variant.</summary>
    /// <param name="hrp">Lower-case human-readable part.</param>
    /// <param name="data">5-bit values.</param>
    /// <param name="encoding">The checksum variant.</param>
    /// <returns>The lower-case bech32 string.</returns>
    public static string Encode(string hrp, ReadOnlySpan<byte> data, Bech32Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(hrp);
        var values = new byte[data.Length + 6];
        data.CopyTo(values);
        var constant = encoding == Bech32Encoding.Bech32 ? 1u : Bech32mConstant;
        var polymod = Polymod(ExpandHrp(hrp), values) ^ constant;
        for (var i = 0; i < 6; i++)
        {
            values[data.Length + i] = (byte)((polymod >> (5 * (5 - i))) & 31);
        }

        var builder = new StringBuilder(hrp.Length + 1 + values.Length);
        builder.Append(hrp).Append('1');
        foreach (var v in values)
        {
            builder.Append(Charset[v]);
        }

        return builder.ToString();
    }

    /// <summary>Decodes a segwit address (BIP-173 for version 0, BIP-350 for versions 1–16).</summary>
    /// <param name="expectedHrp">The network's human-readable part, e.g. "bc" or "tb".</param>
    /// <param name="address">The address.</param>
    /// <param name="version">The witness version.</param>
    /// <param name="program">The witness program.</param>
    /// <returns>True when the address is a valid segwit address for that network.</returns>
    public static bool TryDecodeSegwitAddress(string expectedHrp, string address, out int version, out byte[] program)
    {
        version = -1;
        program = [];
        if (!TryDecode(address, out var hrp, out var data, out var encoding) || !string.Equals(hrp, expectedHrp, StringComparison.Ordinal) || data.Length < 1)
        {
            return false;
        }

        var witnessVersion = data[0];
        if (witnessVersion > 16)
        {
            return false;
        }

        if ((witnessVersion == 0) != (encoding == Bech32Encoding.Bech32))
        {
            return false;
        }

        if (!TryConvertBits(data.AsSpan(1), 5, 8, pad: false, out var converted))
        {
            return false;
        }

        if (converted.Length < 2 || converted.Length > 40)
        {
            return false;
        }

        if (witnessVersion == 0 && converted.Length != 20 && converted.Length != 32)
        {
            return false;
        }

        version = witnessVersion;
        program = converted;
        return true;
    }

    /// <summary>Encodes a segwit address.</summary>
    /// <param name="hrp">The network's human-readable part.</param>
    /// <param name="version">Witness version 0–16.</param>
    /// <param name="program">Witness program, 2–40 bytes.</param>
    /// <returns>The address.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The version is out of range.</exception>
    public static string EncodeSegwitAddress(string hrp, int version, ReadOnlySpan<byte> program)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, 16);
        TryConvertBits(program, 8, 5, pad: true, out var converted);
        var data = new byte[converted.Length + 1];
        data[0] = (byte)version;
        converted.CopyTo(data, 1);
        return Encode(hrp, data, version == 0 ? Bech32Encoding.Bech32 : Bech32Encoding.Bech32m);
    }

    /// <summary>Regroups bits (BIP-173 convertbits); without padding, leftover bits must be fewer than
    /// <paramref name="fromBits"/> and all zero.</summary>
    /// <param name="data">Input groups.</param>
    /// <param name="fromBits">Input group width.</param>
    /// <param name="toBits">Output group width.</param>
    /// <param name="pad">Whether to pad the last group with zeros.</param>
    /// <param name="result">The regrouped values.</param>
    /// <returns>False when an input value is too wide or the padding is invalid.</returns>
    public static bool TryConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad, out byte[] result)
    {
        var output = new List<byte>(data.Length * fromBits / toBits + 1);
        var accumulator = 0;
        var bits = 0;
        var maxValue = (1 << toBits) - 1;
        foreach (var value in data)
        {
            if (value >> fromBits != 0)
            {
                result = [];
                return false;
            }

            accumulator = ((accumulator << fromBits) | value) & 0xffffff;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                output.Add((byte)((accumulator >> bits) & maxValue));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                output.Add((byte)((accumulator << (toBits - bits)) & maxValue));
            }
        }
        else if (bits >= fromBits || ((accumulator << (toBits - bits)) & maxValue) != 0)
        {
            result = [];
            return false;
        }

        result = [.. output];
        return true;
    }

    private static bool HasValidCharacters(string text)
    {
        bool hasLower = false, hasUpper = false;
        foreach (var c in text)
        {
            if (c < 33 || c > 126)
            {
                return false;
            }

            hasLower |= c is >= 'a' and <= 'z';
            hasUpper |= c is >= 'A' and <= 'Z';
        }

        return !(hasLower && hasUpper);
    }

    private static byte[] ExpandHrp(string hrp)
    {
        var expanded = new byte[(hrp.Length * 2) + 1];
        for (var i = 0; i < hrp.Length; i++)
        {
            expanded[i] = (byte)(hrp[i] >> 5);
            expanded[hrp.Length + 1 + i] = (byte)(hrp[i] & 31);
        }

        return expanded;
    }

    private static uint Polymod(ReadOnlySpan<byte> hrpExpanded, ReadOnlySpan<byte> values)
    {
        var checksum = 1u;
        checksum = Feed(checksum, hrpExpanded);
        return Feed(checksum, values);
    }

    private static uint Feed(uint checksum, ReadOnlySpan<byte> values)
    {
        foreach (var v in values)
        {
            var top = checksum >> 25;
            checksum = ((checksum & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    checksum ^= s_generator[i];
                }
            }
        }

        return checksum;
    }
}
