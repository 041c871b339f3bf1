// SPDX-License-Identifier: Apache-2.0

using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Por.Crypto;
using Por.Reserves.Nodes;

namespace Por.Reserves.Tests;

public sealed class EncodingPropertyTests
{
    private static readonly Config s_config = Config.QuickThrowOnFailure
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261121UL), FSharpOption<int>.None)))
        .WithMaxTest(300);

    [Fact]
    public void Base58Check_RoundTrip_AnyPayload() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => Base58.TryDecodeCheck(Base58.EncodeCheck(bytes), out var decoded) && decoded!.AsSpan().SequenceEqual(bytes))
            .Check(s_config);

    [Fact]
    public void Base58Check_SingleCharacterChange_Rejected() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), ArbMap.Default.ArbFor<int>(), (bytes, position) =>
        {
            var text = Base58.EncodeCheck(bytes);
            var index = (int)(unchecked((uint)position) % (uint)text.Length);
            var replacement = text[index] == '2' ? '3' : '2';
            var mutated = text[..index] + replacement + text[(index + 1)..];
            var ok = !Base58.TryDecodeCheck(mutated, out var decoded) || !decoded!.AsSpan().SequenceEqual(bytes);
            return ok.Label($"{Convert.ToHexString(bytes ?? [])} {text} -> {mutated}");
        }).Check(s_config);

    [Fact]
    public void SegwitAddress_RoundTrip_AnyVersionAndProgram() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte>(), ArbMap.Default.ArbFor<byte[]>(), (versionSeed, seed) =>
        {
            var version = versionSeed % 17;
            var program = seed.Length is >= 2 and <= 40 ? seed : [.. seed, 1, 2];
            if (program.Length > 40 || (version == 0 && program.Length != 20 && program.Length != 32))
            {
                return true;
            }

            var address = Bech32.EncodeSegwitAddress("bc", version, program);
            return Bech32.TryDecodeSegwitAddress("bc", address, out var v, out var p) && v == version && p.AsSpan().SequenceEqual(program);
        }).Check(s_config);

    [Fact]
    public void CompactSize_RoundTrip_AnyValue() =>
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), value =>
        {
            var buffer = new List<byte>();
            CompactSize.Write(buffer, value);
            var offset = 0;
            return CompactSize.TryRead(buffer.ToArray(), ref offset, out var read) && read == value && offset == buffer.Count;
        }).Check(s_config);

    [Fact]
    public void TryParseSatoshis_DecimalText_ExactForAnyAmount() =>
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), value =>
        {
            var satoshis = value % 2_100_000_000_000_001UL;
            var text = $"{satoshis / 100_000_000}.{satoshis % 100_000_000:D8}";
            return BitcoinAmount.TryParseSatoshis(text, out var parsed) && parsed == satoshis;
        }).Check(s_config);
}
