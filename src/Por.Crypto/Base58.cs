// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;

namespace Por.Crypto;

/// <summary>Base58 (Bitcoin alphabet) and Base58Check (4-byte double-SHA-256 checksum) encoding.</summary>
public static class Base58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static readonly sbyte[] s_digitValues = BuildDigitValues();

    /// <summary>Encodes bytes as Base58; each leading zero byte becomes a leading '1'.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The Base58 text.</returns>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // log(256)/log(58) < 1.37: enough base-58 digits for the rest.
        var digits = new byte[((data.Length - zeros) * 137 / 100) + 1];
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            for (var j = 0; j < length; j++)
            {
                carry += digits[j] << 8;
                digits[j] = (byte)(carry % 58);
                carry /= 58;
            }

            while (carry > 0)
            {
                digits[length++] = (byte)(carry % 58);
                carry /= 58;
            }
        }

        var builder = new StringBuilder(zeros + length);
        builder.Append('1', zeros);
        for (var i = length - 1; i >= 0; i--)
        {
            builder.Append(Alphabet[digits[i]]);
        }

        return builder.ToString();
    }

    /// <summary>Decodes Base58 text; returns false on any character outside the alphabet (including whitespace).</summary>
    /// <param name="text">The Base58 text.</param>
    /// <param name="data">The decoded bytes, or null.</param>
    /// <returns>True when <paramref name="text"/> is valid Base58.</returns>
    public static bool TryDecode(string text, out byte[]? data)
    {
        ArgumentNullException.ThrowIfNull(text);
        data = null;
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        var bytes = new byte[((text.Length - zeros) * 733 / 1000) + 1];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 128 || s_digitValues[c] < 0)
            {
                return false;
            }

            int carry = s_digitValues[c];
            for (var j = 0; j < length; j++)
            {
                carry += bytes[j] * 58;
                bytes[j] = (byte)(carry & 0xff);
                carry >>= 8;
            }

            while (carry > 0)
            {
                bytes[length++] = (byte)(carry & 0xff);
                carry >>= 8;
            }
        }

        var result = new byte[zeros + length];
        for (var i = 0; i < length; i++)
        {
            result[zeros + i] = bytes[length - 1 - i];
        }

        data = result;
        return true;
    }

    /// <summary>Encodes <paramref name="payload"/> followed by its 4-byte double-SHA-256 checksum.</summary>
    /// <param name="payload">Version byte(s) and data.</param>
    /// <returns>The Base58Check text.</returns>
    public static string EncodeCheck(ReadOnlySpan<byte> payload)
    {
        var buffer = new byte[payload.Length + 4];
        payload.CopyTo(buffer);
        var checksum = SHA256.HashData(SHA256.HashData(payload));
        checksum.AsSpan(0, 4).CopyTo(buffer.AsSpan(payload.Length));
        return Encode(buffer);
    }

    /// <summary>Decodes Base58Check text and verifies its checksum.</summary>
    /// <param name="text">The Base58Check text.</param>
    /// <param name="payload">The payload without the checksum, or null.</param>
    /// <returns>True when the text decodes and the checksum matches.</returns>
    public static bool TryDecodeCheck(string text, out byte[]? payload)
    {
        payload = null;
        if (!TryDecode(text, out var data) || data is null || data.Length < 4)
        {
            return false;
        }

        var body = data.AsSpan(0, data.Length - 4);
        var checksum = SHA256.HashData(SHA256.HashData(body));
        if (!CryptographicOperations.FixedTimeEquals(checksum.AsSpan(0, 4), data.AsSpan(data.Length - 4)))
        {
            return false;
        }

        payload = body.ToArray();
        return true;
    }

    private static sbyte[] BuildDigitValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
