// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Transparent;

/// <summary>
/// Reads and writes a customer's inclusion file (docs/formats.md §7). Reading is strict: unknown, missing or repeated
/// fields, non-canonical amounts (signs, leading or trailing zeros, explicit zero entries) and unknown assets are rejected.
/// </summary>
public static class InclusionProofJson
{
    /// <summary>Serializes a proof (UTF-8 JSON, indented, final newline).</summary>
    /// <param name="proof">The proof.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Serialize(InclusionProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var assets = proof.Header.Assets;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", InclusionProof.FormatId);
            w.WriteString("mode", RoundManifest.TransparentMode);
            RoundHeaderJson.Write(w, proof.Header);
            w.WriteStartObject("account");
            w.WriteString("id", proof.AccountId);
            w.WriteString("salt", Convert.ToHexStringLower([.. proof.Salt]));
            w.WriteNumber("leaf_index", proof.LeafIndex);
            w.WriteStartObject("balances");
            foreach (var h in proof.Balances)
            {
                w.WriteString(assets[h.Asset].Symbol, Amount.Format(h.Amount, assets[h.Asset].Decimals));
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("path");
            foreach (var step in proof.Path)
            {
                w.WriteStartObject();
                w.WriteString("digest", Convert.ToHexStringLower([.. step.Digest]));
                w.WriteStartObject("sums");
                for (var a = 0; a < step.Sums.Count; a++)
                {
                    if (step.Sums[a] != 0)
                    {
                        w.WriteString(assets[a].Symbol, Amount.Format(step.Sums[a], assets[a].Decimals));
                    }
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    /// <summary>Reads an inclusion file.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="file">The file name, for errors.</param>
    /// <returns>The proof (not yet verified).</returns>
    /// <exception cref="InputException">The file is malformed; the message names the field.</exception>
    public static InclusionProof Parse(byte[] bytes, string file)
    {
        using var doc = RoundDocumentJson.Parse(bytes, file);
        var root = doc.RootElement;
        StrictJson.ExpectObject(root, file, "", ["format", "mode", .. RoundHeaderJson.Properties, "account", "path"]);
        RoundDocumentJson.ExpectFormat(root, file, InclusionProof.FormatId);

        if (!string.Equals(StrictJson.String(root, "mode", file, ""), RoundManifest.TransparentMode, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "mode", "unsupported mode");
        }

        var header = RoundHeaderJson.Read(root, file);
        var account = root.GetProperty("account");
        StrictJson.ExpectObject(account, file, "account", ["id", "salt", "leaf_index", "balances"]);
        var id = Encoding.UTF8.GetString(RoundDocumentJson.ReadAccountId(account, file));

        var salt = StrictJson.Hex(account, "salt", SumTreeHashing.SaltSize, file, "account");
        var leaf = StrictJson.Integer(account, "leaf_index", file, "account", 0, header.AccountCount - 1);
        var dense = ReadSums(account.GetProperty("balances"), header.Assets, file, "account.balances");
        var balances = new List<Holding>();
        for (var a = 0; a < dense.Length; a++)
        {
            if (dense[a] != 0)
            {
                balances.Add(new Holding((ushort)a, dense[a]));
            }
        }

        var path = new List<PathStep>();
        var i = 0;
        foreach (var step in StrictJson.Array(root, "path", file, "").EnumerateArray())
        {
            var p = $"path[{i++}]";
            StrictJson.ExpectObject(step, file, p, ["digest", "sums"]);
            path.Add(new PathStep(StrictJson.Hex(step, "digest", SumTreeHashing.DigestSize, file, p), ReadSums(step.GetProperty("sums"), header.Assets, file, $"{p}.sums")));
        }

        return new InclusionProof(header, id, salt, leaf, balances, path);
    }

    private static ulong[] ReadSums(JsonElement obj, AssetTable assets, string file, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(file, 0, path, "expected an object of asset → amount");
        }

        var sums = new ulong[assets.Count];
        var seen = new bool[assets.Count];
        foreach (var p in obj.EnumerateObject())
        {
            var field = $"{path}.{p.Name}";
            if (!assets.TryGetIndex(p.Name, out var a))
            {
                throw new InputException(file, 0, field, "asset not in the round's asset list");
            }

            if (seen[a])
            {
                throw new InputException(file, 0, field, "asset given twice");
            }

            seen[a] = true;
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                throw new InputException(file, 0, field, "expected a decimal string");
            }

            var text = p.Value.GetString()!;
            if (text.StartsWith('-'))
            {
                throw new InputException(file, 0, field, "negative amount");
            }

            if (!Amount.TryParseCanonical(text, assets[a].Decimals, out var units) || units == 0)
            {
                throw new InputException(file, 0, field, "expected a canonical non-zero amount that fits 64-bit base units");
            }

            sums[a] = units;
        }

        return sums;
    }
}
