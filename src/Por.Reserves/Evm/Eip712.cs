// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Por.Crypto;

namespace Por.Reserves.Evm;

/// <summary>EIP-712 typed structured data hashing from the JSON form (<c>types</c>, <c>primaryType</c>, <c>domain</c>, <c>message</c>).</summary>
public static class Eip712
{
    /// <summary>The signing digest keccak256(0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)).</summary>
    /// <param name="typedData">The typed data JSON (the message may be under "message" or "data").</param>
    /// <returns>32 bytes.</returns>
    /// <exception cref="FormatException">The typed data is malformed.</exception>
    public static byte[] Digest(JsonElement typedData)
    {
        var (domainSeparator, messageHash) = Encode(typedData);
        return Keccak256.Hash([0x19, 0x01, .. domainSeparator, .. messageHash]);
    }

    /// <summary>Returns (domainSeparator, hashStruct(message)).</summary>
    /// <param name="typedData">The typed data JSON.</param>
    /// <returns>The two 32-byte hashes.</returns>
    /// <exception cref="FormatException">The typed data is malformed.</exception>
    public static (byte[] DomainSeparator, byte[] MessageHash) Encode(JsonElement typedData)
    {
        var types = ReadTypes(Property(typedData, "types"));
        var primaryType = Property(typedData, "primaryType").GetString() ?? throw new FormatException("primaryType is missing");
        var message = typedData.TryGetProperty("message", out var m) ? m : Property(typedData, "data");
        var domain = HashStruct("EIP712Domain", Property(typedData, "domain"), types);
        return (domain, HashStruct(primaryType, message, types));
    }

    /// <summary>encodeType: the primary type then referenced struct types sorted by name.</summary>
    /// <param name="primaryType">The struct name.</param>
    /// <param name="types">The type table.</param>
    /// <returns>e.g. "Mail(Person from,Person to,string contents)Person(string name,address wallet)".</returns>
    /// <exception cref="FormatException">An unknown type is referenced.</exception>
    public static string EncodeType(string primaryType, IReadOnlyDictionary<string, IReadOnlyList<(string Name, string Type)>> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(primaryType, types, dependencies);
        dependencies.Remove(primaryType);
        var builder = new StringBuilder();
        foreach (var name in new[] { primaryType }.Concat(dependencies))
        {
            builder.Append(name).Append('(');
            builder.AppendJoin(',', types[name].Select(f => f.Type + " " + f.Name));
            builder.Append(')');
        }

        return builder.ToString();
    }

    private static byte[] HashStruct(string type, JsonElement value, IReadOnlyDictionary<string, IReadOnlyList<(string Name, string Type)>> types)
    {
        var buffer = new List<byte>(Keccak256.Hash(Encoding.UTF8.GetBytes(EncodeType(type, types))));
        foreach (var (name, fieldType) in types[type])
        {
            if (!value.TryGetProperty(name, out var field))
            {
                throw new FormatException($"field '{name}' of {type} is missing");
            }

            buffer.AddRange(EncodeValue(fieldType, field, types));
        }

        return Keccak256.Hash(buffer.ToArray());
    }

    private static byte[] EncodeValue(string type, JsonElement value, IReadOnlyDictionary<string, IReadOnlyList<(string Name, string Type)>> types)
    {
        if (type.EndsWith(']'))
        {
            var elementType = type[..type.LastIndexOf('[')];
            var sizeText = type[(type.LastIndexOf('[') + 1)..^1];
            var items = value.EnumerateArray().ToList();
            if (sizeText.Length > 0 && int.Parse(sizeText, CultureInfo.InvariantCulture) != items.Count)
            {
                throw new FormatException($"array {type} has {items.Count} elements");
            }

            var concatenated = new List<byte>();
            foreach (var item in items)
            {
                concatenated.AddRange(EncodeValue(elementType, item, types));
            }

            return Keccak256.Hash(concatenated.ToArray());
        }

        if (types.ContainsKey(type))
        {
            return HashStruct(type, value, types);
        }

        return type switch
        {
            "string" => Keccak256.Hash(Encoding.UTF8.GetBytes(value.GetString() ?? throw new FormatException("string expected"))),
            "bytes" => Keccak256.Hash(HexBytes(value)),
            "bool" => Word(value.ValueKind == JsonValueKind.True || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.Ordinal)) ? BigInteger.One : BigInteger.Zero),
            "address" => Word(Integer(value)),
            _ when type.StartsWith("bytes", StringComparison.Ordinal) => FixedBytes(type, value),
            _ when type.StartsWith("uint", StringComparison.Ordinal) || type.StartsWith("int", StringComparison.Ordinal) => Word(Integer(value)),
            _ => throw new FormatException($"unknown EIP-712 type '{type}'"),
        };
    }

    private static byte[] FixedBytes(string type, JsonElement value)
    {
        var size = int.Parse(type.AsSpan(5), CultureInfo.InvariantCulture);
        var bytes = HexBytes(value);
        if (size is < 1 or > 32 || bytes.Length > size)
        {
            throw new FormatException($"{type} value is {bytes.Length} bytes");
        }

        var word = new byte[32];
        bytes.CopyTo(word, 0);
        return word;
    }

    private static byte[] HexBytes(JsonElement value)
    {
        var text = value.GetString() ?? throw new FormatException("hex string expected");
        return Convert.FromHexString(text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text);
    }

    private static BigInteger Integer(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return BigInteger.Parse(value.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        var text = value.GetString() ?? throw new FormatException("integer expected");
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        var magnitude = digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? new BigInteger(Convert.FromHexString(digits.Length % 2 == 0 ? digits[2..] : "0" + digits[2..]), isUnsigned: true, isBigEndian: true)
            : BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -magnitude : magnitude;
    }

    private static byte[] Word(BigInteger value)
    {
        // Two's complement in 256 bits for negative intN values.
        if (value.Sign < 0)
        {
            value += BigInteger.One << 256;
        }

        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length > 32)
        {
            throw new FormatException("integer does not fit in 256 bits");
        }

        var word = new byte[32];
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }

    private static void CollectDependencies(string type, IReadOnlyDictionary<string, IReadOnlyList<(string Name, string Type)>> types, SortedSet<string> found)
    {
        var baseType = type.Contains('[', StringComparison.Ordinal) ? type[..type.IndexOf('[', StringComparison.Ordinal)] : type;
        if (!types.TryGetValue(baseType, out var fields) || !found.Add(baseType))
        {
            return;
        }

        foreach (var (_, fieldType) in fields)
        {
            CollectDependencies(fieldType, types, found);
        }
    }

    private static Dictionary<string, IReadOnlyList<(string Name, string Type)>> ReadTypes(JsonElement element)
    {
        var types = new Dictionary<string, IReadOnlyList<(string Name, string Type)>>(StringComparer.Ordinal);
        foreach (var type in element.EnumerateObject())
        {
            types[type.Name] = [.. type.Value.EnumerateArray().Select(f => (Property(f, "name").GetString()!, Property(f, "type").GetString()!))];
        }

        return types;
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new FormatException($"'{name}' is missing");
}
