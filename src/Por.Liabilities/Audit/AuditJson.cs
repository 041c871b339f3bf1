// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Audit;

/// <summary>The objects shared by the sample and result files: <c>round</c>, <c>seed</c> and <c>list</c>.</summary>
internal static class AuditJson
{
    private static readonly string[] s_round = ["id", "mode", "root", "manifest_sha256"];
    private static readonly string[] s_seed = ["chain", "height", "block_hash"];
    private static readonly string[] s_list = ["sha256", "count"];

    public static void WriteCommon(Utf8JsonWriter w, AuditRound round, AuditSeed seed, byte[] listSha256, long listCount)
    {
        w.WriteString("algorithm", AuditSampler.Algorithm);
        w.WriteStartObject("round");
        w.WriteString("id", round.Id);
        w.WriteString("mode", round.Mode.Name());
        w.WriteString("root", Convert.ToHexStringLower(round.Root));
        w.WriteString("manifest_sha256", Convert.ToHexStringLower(round.ManifestSha256));
        w.WriteEndObject();
        w.WriteStartObject("seed");
        w.WriteString("chain", seed.Chain);
        w.WriteNumber("height", seed.Height);
        w.WriteString("block_hash", Convert.ToHexStringLower(seed.BlockHash));
        w.WriteEndObject();
        w.WriteStartObject("list");
        w.WriteString("sha256", Convert.ToHexStringLower(listSha256));
        w.WriteNumber("count", listCount);
        w.WriteEndObject();
    }

    public static (AuditRound Round, AuditSeed Seed, byte[] ListSha256, long ListCount) ReadCommon(JsonElement root, string file)
    {
        if (!string.Equals(StrictJson.String(root, "algorithm", file, ""), AuditSampler.Algorithm, StringComparison.Ordinal))
        {
            throw new InputException(file, 0, "algorithm", $"expected '{AuditSampler.Algorithm}'");
        }

        var r = root.GetProperty("round");
        StrictJson.ExpectObject(r, file, "round", s_round);
        var id = StrictJson.String(r, "id", file, "round");
        if (RoundIds.Validate(id) is { } badId)
        {
            throw new InputException(file, 0, "round.id", badId);
        }

        if (!RoundModes.TryParse(StrictJson.String(r, "mode", file, "round"), out var mode))
        {
            throw new InputException(file, 0, "round.mode", $"expected one of {string.Join(", ", RoundModes.Names)}");
        }

        var round = new AuditRound(id, mode, StrictJson.Hex(r, "root", 32, file, "round"), StrictJson.Hex(r, "manifest_sha256", 32, file, "round"));
        var s = root.GetProperty("seed");
        StrictJson.ExpectObject(s, file, "seed", s_seed);
        var chain = StrictJson.String(s, "chain", file, "seed");
        if (AuditSeed.ValidateChain(chain) is { } badChain)
        {
            throw new InputException(file, 0, "seed.chain", badChain);
        }

        var seed = new AuditSeed(chain, StrictJson.Integer(s, "height", file, "seed", 0, long.MaxValue), StrictJson.Hex(s, "block_hash", 32, file, "seed"));
        var l = root.GetProperty("list");
        StrictJson.ExpectObject(l, file, "list", s_list);
        return (round, seed, StrictJson.Hex(l, "sha256", 32, file, "list"), StrictJson.Integer(l, "count", file, "list", 1, int.MaxValue));
    }

    public static string Probability(JsonElement obj, string name, string file)
    {
        var text = StrictJson.String(obj, name, file, "");
        AuditStatistics.ParseProbability(text, file, name);
        return text;
    }

    public static string AccountId(JsonElement element, string file, string field)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new InputException(file, 0, field, "expected an account id string");
        }

        var id = element.GetString()!;
        return AccountIds.Validate(Encoding.UTF8.GetBytes(id)) is { } why ? throw new InputException(file, 0, field, why) : id;
    }

    /// <summary>An enum member in snake case (<c>AccountMissing</c> → <c>account_missing</c>).</summary>
    public static string Snake(Enum value) => SnakeCase.Of(value);

    public static byte[] Finish(MemoryStream stream)
    {
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
