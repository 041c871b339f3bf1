// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Testing;

namespace Por.Reserves.Tests;

public sealed class OkxReservesCsvImporterTests
{
    [Fact]
    public void Import_ElevenColumnExample_MapsRowsAndExactAmounts()
    {
        var declaration = ReserveDeclarationParser.ReadFile(TestData.PathOf("vectors/okx/okx_por_example.csv"));
        Assert.Equal("OKX", declaration.Custodian);
        var first = declaration.Rows[0];
        Assert.Equal(SignatureScheme.Eip191Hash32, first.Scheme);
        Assert.Equal("ethereum", first.Chain);
        Assert.Equal(UInt128.Parse("58959708849230328", System.Globalization.CultureInfo.InvariantCulture), first.Amount);
        Assert.Equal(16, first.Line);
        Assert.Contains(declaration.Rows, r => r.Scheme == SignatureScheme.SafeOwners && r.Owners.Count == 2);
        Assert.Contains(declaration.Rows, r => r.Scheme == SignatureScheme.Unsupported && string.Equals(r.Chain, "ton", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_TwelveColumnStaking_StakingRowsUnsupported()
    {
        var declaration = ReserveDeclarationParser.ReadFile(TestData.PathOf("vectors/okx/okx_por_staking_example.csv"));
        Assert.Equal(SignatureScheme.Eip191Hash32, declaration.Rows[0].Scheme);
        Assert.All(declaration.Rows.Skip(1), r => Assert.Equal(SignatureScheme.Unsupported, r.Scheme));
    }

    [Fact]
    public void Import_AuditorLayout_BitcoinMultisigVerifies()
    {
        var declaration = ReserveDeclarationParser.ReadFile(TestData.PathOf("vectors/okx/test.csv"));
        var btc = declaration.Rows.Single(r => string.Equals(r.Chain, "bitcoin", StringComparison.Ordinal));
        Assert.Equal(SignatureScheme.BitcoinMultisig, btc.Scheme);
        Assert.True(OwnershipVerifier.Verify(btc, btc.Message!)!.IsValid);
        var eth = declaration.Rows.First(r => string.Equals(r.Chain, "ethereum", StringComparison.Ordinal));
        Assert.True(OwnershipVerifier.Verify(eth, eth.Message!)!.IsValid);
        var eos = declaration.Rows.Single(r => string.Equals(r.Asset, "EOS", StringComparison.Ordinal));
        Assert.False(OwnershipVerifier.Verify(eos, eos.Message!)!.IsValid);
    }

    [Fact]
    public void Import_AuditorTronRow_V2DetectedAndRecorded()
    {
        var tron = ReserveDeclarationParser.ReadFile(TestData.PathOf("vectors/okx/test.csv")).Rows.Single(r => string.Equals(r.Chain, "tron", StringComparison.Ordinal));
        Assert.Equal(SignatureScheme.TronV2, tron.Scheme);
        Assert.NotNull(tron.ImportNote);
        Assert.True(OwnershipVerifier.Verify(tron, tron.Message!)!.IsValid);
        Assert.False(OwnershipVerifier.Verify(tron with { Scheme = SignatureScheme.TronV1 }, tron.Message!)!.IsValid);
    }

    [Fact]
    public void Import_OkxEvmRowsAsTextForm_WouldNotVerify()
    {
        var row = ReserveDeclarationParser.ReadFile(TestData.PathOf("vectors/okx/okx_por_example.csv")).Rows[0];
        Assert.True(OwnershipVerifier.Verify(row, row.Message!)!.IsValid);
        Assert.False(OwnershipVerifier.Verify(row with { Scheme = SignatureScheme.Eip191Text }, row.Message!)!.IsValid);
    }

    [Theory]
    [InlineData("coin,Network,Snapshot Height,address,amount,message,signature1,signature2,redeem script/ public key, eoa1, eoa2\nETH,ETH,1,0xab,1.5,m\n", 2, "columns")]
    [InlineData("coin,Network,Snapshot Height,address,amount,message,signature1,signature2,redeem script/ public key, eoa1, eoa2\nBTC,BTC,1,bc1q,1.123456789,m,s,,,,\n", 2, "amount")]
    [InlineData("coin,Network,Snapshot Height,address,amount,message,signature1,signature2,redeem script/ public key, eoa1, eoa2\nBTC,BTC,x,bc1q,1,m,s,,,,\n", 2, "Snapshot Height")]
    [InlineData("coin,Net,address\nBTC,BTC,bc1q\n", 1, "header")]
    public void Import_MalformedCsv_ErrorNamesLineAndField(string csv, int line, string field)
    {
        var ex = Assert.Throws<InputException>(() => OkxReservesCsvImporter.Import(csv, "bad.csv"));
        Assert.Contains($"bad.csv:{line}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }
}
