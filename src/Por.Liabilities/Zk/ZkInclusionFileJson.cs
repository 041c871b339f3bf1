// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// Reads and writes the zk inclusion file (format <c>por-inclusion/2</c>, mode <c>zk</c>; docs/formats.md §9.4).
/// Reading is strict: unknown, missing or repeated fields, non-canonical amounts or digests, and more than 1 KiB of
/// proof material are rejected.
/// </summary>
public static class ZkInclusionFileJson
{
    /// <summary>Serializes a file (UTF-8 JSON, indented, final newline).</summary>
    /// <param name="file">The file.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Serialize(ZkInclusionFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var assets = file.Header.Assets;
        var proof = file.Proof;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", ZkInclusionFile.FormatId);
            w.WriteString("mode", ZkRoundManifest.Mode);
            ZkRoundHeaderJson.Write(w, file.Header);
            w.WriteStartObject("account");
            w.WriteString("id", Encoding.UTF8.GetString(proof.AccountId));
            w.WriteString("salt", Convert.ToHexStringLower(proof.Salt));
            w.WriteNumber("batch_index", proof.BatchIndex);
            w.WriteNumber("leaf_index", proof.LeafIndex);
            w.WriteStartObject("balances");
            foreach (var h in proof.Holdings)
            {
                w.WriteString(assets[h.Asset].Symbol, Amount.Format(h.Amount, assets[h.Asset].Decimals));
            }

            w.WriteEndObject();
            w.WriteEndObject();
            WritePath(w, "batch_path", proof.BatchPath);
            WritePath(w, "top_path", proof.TopPath);
            w.WriteEndObject();
        }

        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    /// <summary>Reads a zk inclusion file.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="file">The file name, for errors.</param>
    /// <returns>The file (not yet verified).</returns>
    /// <exception cref="InputException">The file is malformed; the message names the field.</exception>
    public static ZkInclusionFile Parse(byte[] bytes, string file)
    {
        using var doc = RoundDocumentJson.Parse(bytes, file);
        var root = doc.RootElement;
        RoundModes.Expect(root, file, RoundMode.Zk);
        StrictJson.ExpectObject(root, file, "", ["format", "mode", .. ZkRoundHeaderJson.Properties, "account", "batch_path", "top_path"]);
        RoundDocumentJson.ExpectFormat(root, file, ZkInclusionFile.FormatId);

        var header = ZkRoundHeaderJson.Read(root, file);
        var account = root.GetProperty("account");
        StrictJson.ExpectObject(account, file, "account", ["id", "salt", "batch_index", "leaf_index", "balances"]);
        var id = RoundDocumentJson.ReadAccountId(account, file);

        var salt = StrictJson.Hex(account, "salt", ZkAccountEncoding.SaltSize, file, "account");
        var batchIndex = (int)StrictJson.Integer(account, "batch_index", file, "account", 0, header.BatchCount - 1);
        var leafIndex = StrictJson.Integer(account, "leaf_index", file, "account", 0, int.MaxValue);
        var balances = ReadBalances(account.GetProperty("balances"), header.Assets, file);
        var batchPath = ReadPath(root, "batch_path", file, 0);
        var topPath = ReadPath(root, "top_path", file, batchPath.Length);
        var proof = new ZkInclusionProof(header.ParameterSetId, id, salt, balances, batchIndex, header.BatchCount, leafIndex, batchPath, topPath);
        return new ZkInclusionFile(header, proof);
    }

    private static void WritePath(Utf8JsonWriter w, string name, Goldilocks[][] path)
    {
        w.WriteStartArray(name);
        foreach (var sibling in path)
        {
            w.WriteStringValue(ZkDigestHex.Format(sibling));
        }

        w.WriteEndArray();
    }

    private static Goldilocks[][] ReadPath(JsonElement root, string name, string file, int siblingsBefore)
    {
        var array = StrictJson.Array(root, name, file, "");
        if (siblingsBefore + array.GetArrayLength() > ZkInclusionFile.MaxSiblings)
        {
            throw new InputException(file, 0, name, $"more than {ZkInclusionFile.MaxSiblings} siblings (over 1 KiB of proof material) in all");
        }

        var path = new Goldilocks[array.GetArrayLength()][];
        var i = 0;
        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String || !ZkDigestHex.TryParse(e.GetString()!, out path[i]))
            {
                throw new InputException(file, 0, $"{name}[{i}]", "expected 64 lowercase hex digits: 4 canonical Goldilocks elements");
            }

            i++;
        }

        return path;
    }

    private static Holding[] ReadBalances(JsonElement obj, AssetTable assets, string file)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, 0, "account.balances", "expected an object of asset → amount");
        }

        var amounts = new ulong[assets.Count];
        foreach (var p in obj.EnumerateObject())
        {
            var field = $"account.balances.{p.Name}";
            if (!assets.TryGetIndex(p.Name, out var a))
            {
                throw new InputException(file, 0, field, "asset not in the round's asset list");
            }

            if (amounts[a] != 0)
            {
                throw new InputException(file, 0, field, "asset given twice");
            }

            if (p.Value.ValueKind != JsonValueKind.String || !Amount.TryParseCanonical(p.Value.GetString()!, assets[a].Decimals, out var units) || units == 0)
            {
                throw new InputException(file, 0, field, "expected a canonical non-zero amount that fits 64-bit base units");
            }

            amounts[a] = units;
        }

        var holdings = new List<Holding>();
        for (var a = 0; a < amounts.Length; a++)
        {
            if (amounts[a] != 0)
            {
                holdings.Add(new Holding((ushort)a, amounts[a]));
            }
        }

        return [.. holdings];
    }
}
