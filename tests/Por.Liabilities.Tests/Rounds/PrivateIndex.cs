// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Por.Liabilities.Transparent;

namespace Por.Liabilities.Tests.Rounds;

/// <summary>Reads private/accounts.bin directly from its spec (docs/formats.md §5), for oracle tests.</summary>
internal static class PrivateIndex
{
    public static (byte[] Secret, List<(UInt128 Key, byte[] Salt)> Records) Read(string bundle)
    {
        var bytes = File.ReadAllBytes(Path.Combine(bundle, TransparentBundleLayout.Accounts));
        var count = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8));
        var secret = bytes.AsSpan(16, 32).ToArray();
        var records = new List<(UInt128, byte[])>();
        for (var i = 0; i < count; i++)
        {
            var at = 49 + (i * 48);
            records.Add((BinaryPrimitives.ReadUInt128BigEndian(bytes.AsSpan(at)), bytes.AsSpan(at + 16, 32).ToArray()));
        }

        return (secret, records);
    }

    public static UInt128 Key(byte[] secret, string id) => BinaryPrimitives.ReadUInt128BigEndian(SHA256.HashData([.. secret, .. Encoding.UTF8.GetBytes(id)]));
}
