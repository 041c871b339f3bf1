// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Testing;

namespace Por.Liabilities.Tests.Zk;

/// <summary>
/// Vectors for an independent check of the written spec (docs/liabilities-zk.md §1–§3): LiabilitiesAir's public-input
/// bytes, degrees, assertions and every main and auxiliary transition constraint evaluated on random extension-field
/// frames (as the verifier evaluates them at z). scripts/vectors/zk_air_spec.py recomputes every value from the docs'
/// formulas alone. Regenerate with POR_WRITE_AIR_VECTORS=1.
/// </summary>
public sealed class AirSpecVectorTests
{
    private const string VectorFile = "vectors/zk-air-frames.json";

    [Fact]
    public void SpecFrames_MatchVectorFile()
    {
        string produced = Produce().ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        string path = TestData.PathOf(VectorFile);
        if (Environment.GetEnvironmentVariable("POR_WRITE_AIR_VECTORS") == "1")
        {
            File.WriteAllText(path, produced);
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), produced);
    }

    private static JsonObject Produce()
    {
        var cases = new JsonArray();
        byte[] context = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Goldilocks[] root = Digest(11), chainIn = Digest(22), chainOut = Digest(33);
        var statements = new[]
        {
            new ZkBatchStatement("pol-test-n4", context, 0, 2, 16, root, 3, chainIn, chainOut, []),
            new ZkBatchStatement("pol-test-n4", context, 1, 2, 16, root, 3, chainIn, [], [1000, (UInt128.One << 88) - 1, 12345678901234567890UL]),
        };
        var random = new Random(20261206);
        foreach (ZkBatchStatement statement in statements)
        {
            var air = new LiabilitiesAir(statement, 4096, 22);
            var context2 = new AirContext(air.TraceLength, air.RandomRows);
            var item = new JsonObject
            {
                ["air_id"] = air.Id,
                ["n"] = air.TraceLength,
                ["h"] = air.RandomRows,
                ["R"] = air.TableRows,
                ["K"] = air.TableColumns,
                ["main_width"] = air.MainWidth,
                ["aux_width"] = air.AuxWidth,
                ["statement"] = Convert.ToHexStringLower(statement.ToBytes()),
                ["public_input"] = Convert.ToHexStringLower(air.GetPublicInputBytes()),
                ["main_degrees"] = new JsonArray([.. air.MainConstraintDegrees.Select(d => (JsonNode)d)]),
                ["aux_degrees"] = new JsonArray([.. air.AuxConstraintDegrees.Select(d => (JsonNode)d)]),
                ["assertions"] = new JsonArray([.. air.GetAssertions(context2).Select(a => (JsonNode)new JsonArray(a.Column, a.Row, Hex(a.Value)))]),
            };
            var frames = new JsonArray();
            for (int f = 0; f < 2; f++)
            {
                GoldilocksExt3[] cur = Ext(random, air.MainWidth), nxt = Ext(random, air.MainWidth);
                GoldilocksExt3[] auxCur = Ext(random, air.AuxWidth), auxNxt = Ext(random, air.AuxWidth);
                GoldilocksExt3[] challenges = Ext(random, 3);
                var main = new GoldilocksExt3[air.MainConstraintDegrees.Count];
                var aux = new GoldilocksExt3[air.AuxConstraintDegrees.Count];
                air.EvaluateTransition<GoldilocksExt3>(new EvaluationFrame<GoldilocksExt3>(cur, nxt), [], main);
                air.EvaluateAuxTransition<GoldilocksExt3, GoldilocksExt3>(
                    new EvaluationFrame<GoldilocksExt3>(cur, nxt), new EvaluationFrame<GoldilocksExt3>(auxCur, auxNxt), [], challenges, aux);
                frames.Add(new JsonObject
                {
                    ["current"] = Array(cur),
                    ["next"] = Array(nxt),
                    ["aux_current"] = Array(auxCur),
                    ["aux_next"] = Array(auxNxt),
                    ["challenges"] = Array(challenges),
                    ["main_constraints"] = Array(main),
                    ["aux_constraints"] = Array(aux),
                    ["aux_assertions"] = new JsonArray([.. air.GetAuxAssertions(context2, challenges).Select(a => (JsonNode)new JsonArray(a.Column, a.Row, Hex(a.Value)))]),
                });
            }

            item["frames"] = frames;
            cases.Add(item);
        }

        return new JsonObject
        {
            ["description"] = "LiabilitiesAir evaluated on random extension-field frames (docs/liabilities-zk.md §1–§3); "
                + "checked by scripts/vectors/zk_air_spec.py from the docs' formulas. Elements: 0x + 16 hex digits; extension "
                + "elements [a0, a1, a2] = a0 + a1·u + a2·u², u³ = u + 1.",
            ["cases"] = cases,
        };
    }

    private static Goldilocks[] Digest(ulong seed) => [new(seed), new(seed + 1), new(Goldilocks.Modulus - seed), new(1UL << 63)];

    private static ulong Element(Random random)
    {
        while (true)
        {
            ulong v = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            if (v < Goldilocks.Modulus)
            {
                return v;
            }
        }
    }

    private static GoldilocksExt3[] Ext(Random random, int count)
    {
        var result = new GoldilocksExt3[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = new GoldilocksExt3(new Goldilocks(Element(random)), new Goldilocks(Element(random)), new Goldilocks(Element(random)));
        }

        return result;
    }

    private static string Hex(Goldilocks value) => "0x" + value.Value.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonNode Hex(GoldilocksExt3 value) => new JsonArray(Hex(value.A0), Hex(value.A1), Hex(value.A2));

    private static JsonArray Array(GoldilocksExt3[] values) => new([.. values.Select(Hex)]);
}
