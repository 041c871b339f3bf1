// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using Por.Stark.Field;
using Por.Stark.Hashing;

namespace Por.Stark.Tests.Hashing;

public sealed class Poseidon2Tests
{
    private static readonly JsonElement s_root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vectors", "poseidon2-goldilocks.json"))).RootElement;

    public static TheoryData<string, int> Kats()
    {
        var data = new TheoryData<string, int>();
        foreach (JsonElement instance in s_root.GetProperty("instances").EnumerateArray())
        {
            int count = instance.GetProperty("kats").GetArrayLength();
            for (int k = 0; k < count; k++)
            {
                data.Add(instance.GetProperty("id").GetString()!, k);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kats))]
    public void Permute_PublishedKat_MatchesOutput(string instanceId, int katIndex)
    {
        JsonElement instance = s_root.GetProperty("instances").EnumerateArray().Single(i => string.Equals(i.GetProperty("id").GetString(), instanceId, StringComparison.Ordinal));
        var permutation = new Poseidon2(FromJson(instance));
        JsonElement kat = instance.GetProperty("kats")[katIndex];
        Goldilocks[] state = Elements(kat.GetProperty("input"));
        permutation.Permute(state);
        Assert.Equal(Elements(kat.GetProperty("output")), state);
    }

    [Fact]
    public void Goldilocks8_ShippedConstants_EqualVectorFile()
    {
        JsonElement instance = s_root.GetProperty("instances").EnumerateArray().Single(i => string.Equals(i.GetProperty("id").GetString(), "plonky3-default-goldilocks-w8", StringComparison.Ordinal));
        Poseidon2Parameters fromFile = FromJson(instance);
        Poseidon2Parameters shipped = Poseidon2Parameters.Goldilocks8;
        Assert.Equal(fromFile.InternalDiagonal, shipped.InternalDiagonal);
        Assert.Equal(fromFile.InternalConstants, shipped.InternalConstants);
        Assert.Equal(fromFile.ExternalInitial.SelectMany(r => r), shipped.ExternalInitial.SelectMany(r => r));
        Assert.Equal(fromFile.ExternalFinal.SelectMany(r => r), shipped.ExternalFinal.SelectMany(r => r));
        Assert.Equal(instance.GetProperty("id").GetString(), shipped.Id);
    }

    [Fact]
    public void Goldilocks8_InputZeroToSeven_MatchesPlonky3Kat()
    {
        Goldilocks[] state = [.. Enumerable.Range(0, 8).Select(i => new Goldilocks((ulong)i))];
        Poseidon2.Goldilocks8.Permute(state);
        Assert.Equal(0x020cf04a1b214d14UL, state[0].Value);
        Assert.Equal(0xf415abb924da395bUL, state[7].Value);
    }

    [Fact]
    public void Permute_WrongWidth_Throws()
    {
        var state = new Goldilocks[7];
        Assert.Throws<ArgumentException>(() => Poseidon2.Goldilocks8.Permute(state));
    }

    private static Poseidon2Parameters FromJson(JsonElement instance)
    {
        JsonElement m4Json = instance.GetProperty("external_matrix").GetProperty("m4");
        var m4 = new int[4, 4];
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++)
            {
                m4[r, c] = m4Json[r][c].GetInt32();
            }
        }

        JsonElement rc = instance.GetProperty("round_constants");
        return new Poseidon2Parameters(
            instance.GetProperty("id").GetString()!,
            m4,
            Elements(instance.GetProperty("internal_diag")),
            [.. rc.GetProperty("external_initial").EnumerateArray().Select(Elements)],
            Elements(rc.GetProperty("internal")),
            [.. rc.GetProperty("external_final").EnumerateArray().Select(Elements)]);
    }

    private static Goldilocks[] Elements(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => Goldilocks.FromCanonical(ulong.Parse(e.GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)))];
}
