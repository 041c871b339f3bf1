// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Common;

namespace Por.Liabilities.Zk;

/// <summary>Reads and writes the plan file <c>plan.json</c> (<c>por-round-plan/1</c>, docs/formats.md §9.5).</summary>
public static class ZkRoundPlanJson
{
    private static readonly string[] s_properties = ["format", "plan_id", "parameter_set", "context_digest", "batch_count", "accounts_per_batch", "asset_count", "batches"];

    /// <summary>Serializes a plan (UTF-8 JSON, indented, final newline).</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The bytes.</returns>
    public static byte[] Serialize(ZkRoundPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", ZkRoundPlan.FormatId);
            w.WriteString("plan_id", Convert.ToHexStringLower(plan.PlanId));
            w.WriteString("parameter_set", plan.ParameterSetId);
            w.WriteString("context_digest", Convert.ToHexStringLower(plan.ContextDigest));
            w.WriteNumber("batch_count", plan.BatchCount);
            w.WriteNumber("accounts_per_batch", plan.AccountsPerBatch);
            w.WriteNumber("asset_count", plan.AssetCount);
            w.WriteStartArray("batches");
            foreach (var b in plan.Batches)
            {
                w.WriteStartObject();
                w.WriteNumber("index", b.Index);
                w.WriteString("unit_sha256", Convert.ToHexStringLower(b.UnitSha256));
                w.WriteString("root", ZkDigestHex.Format(b.Root));
                if (b.ChainOut.Length > 0)
                {
                    w.WriteString("chain_out", ZkDigestHex.Format(b.ChainOut));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    /// <summary>Reads a plan file strictly (unknown, missing or repeated fields, an unknown parameter set, a shape that differs from the set, batches out of order, a chain commitment where none belongs or missing where one does).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="InputException">The file is malformed; the message names the field.</exception>
    public static ZkRoundPlan Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new InputException(path, 0, "", "no plan here (expected the plan.json that 'por round plan' writes)");
        }
        catch (DirectoryNotFoundException)
        {
            throw new InputException(path, 0, "", "no plan here (expected the plan.json that 'por round plan' writes)");
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses a plan file's bytes as strictly as <see cref="Read"/>.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="file">The file name, for errors.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="InputException">The file is malformed.</exception>
    public static ZkRoundPlan Parse(byte[] bytes, string file)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var doc = StrictJson.Parse(bytes, file);
        var root = doc.RootElement;
        StrictJson.ExpectObject(root, file, "", s_properties);
        if (!string.Equals(StrictJson.String(root, "format", file, ""), ZkRoundPlan.FormatId, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "format", $"unsupported format: expected {ZkRoundPlan.FormatId}");
        }

        var planId = StrictJson.Hex(root, "plan_id", ZkRoundPlan.PlanIdLength, file, "");
        var setId = StrictJson.String(root, "parameter_set", file, "");
        var set = ZkParameterSet.Find(setId) ?? throw new InputException(file, 0, "parameter_set", $"unknown parameter set '{setId}'");
        var context = StrictJson.Hex(root, "context_digest", 32, file, "");
        var batchCount = (int)StrictJson.Integer(root, "batch_count", file, "", 1, ZkRoundHeaderJson.MaxBatchCount);
        var n = (int)StrictJson.Integer(root, "accounts_per_batch", file, "", 2, 1 << 24);
        if (n != set.AccountsPerBatch)
        {
            throw new InputException(file, 0, "accounts_per_batch", $"parameter set '{setId}' has {set.AccountsPerBatch} accounts per batch, not {n}");
        }

        var assetCount = (int)StrictJson.Integer(root, "asset_count", file, "", 1, ZkAccountEncoding.MaxAssetId);
        var array = StrictJson.Array(root, "batches", file, "");
        if (array.GetArrayLength() != batchCount)
        {
            throw new InputException(file, 0, "batches", $"expected {batchCount} batches, found {array.GetArrayLength()}");
        }

        var batches = new List<ZkPlannedBatch>(batchCount);
        foreach (var e in array.EnumerateArray())
        {
            var b = batches.Count;
            var path = string.Create(CultureInfo.InvariantCulture, $"batches[{b}]");
            var isFinal = b == batchCount - 1;
            StrictJson.ExpectObject(e, file, path, isFinal ? ["index", "unit_sha256", "root"] : ["index", "unit_sha256", "root", "chain_out"]);
            if (StrictJson.Integer(e, "index", file, path, 0, batchCount - 1) != b)
            {
                throw new InputException(file, 0, path + ".index", string.Create(CultureInfo.InvariantCulture, $"expected {b}: batches are listed in order"));
            }

            var unit = StrictJson.Hex(e, "unit_sha256", 32, file, path);
            var batchRoot = Digest(e, "root", file, path);
            var chainOut = isFinal ? [] : Digest(e, "chain_out", file, path);
            batches.Add(new ZkPlannedBatch(b, unit, batchRoot, chainOut));
        }

        return new ZkRoundPlan(planId, set.Id, context, batchCount, n, assetCount, batches);
    }

    private static Stark.Field.Goldilocks[] Digest(JsonElement obj, string name, string file, string path) =>
        ZkDigestHex.TryParse(StrictJson.String(obj, name, file, path), out var digest) ? digest
            : throw new InputException(file, 0, StrictJson.Join(path, name), "expected 64 lowercase hex digits: 4 canonical Goldilocks elements");
}
