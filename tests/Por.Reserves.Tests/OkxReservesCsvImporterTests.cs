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

    [Fact]
    public void Import_SingleKeyRowWhosePublicKeyEndsInAe_SingleKeyAndVerifies()
    {
        // Signed by bitcoinjs-message (scripts/vectors/sign-okx-single-key.js); 0xae is OP_CHECKMULTISIG's byte, and
        // a suffix test once read this row as multisig and reported it inconclusive.
        var row = ReserveDeclarationParser.ReadFile(TestData.PathOf("vectors/generated/okx-single-key-ae.csv")).Rows.Single();
        Assert.EndsWith("ae", row.PublicKey, StringComparison.Ordinal);
        Assert.Equal(66, row.PublicKey!.Length);
        Assert.Equal(SignatureScheme.Bip137, row.Scheme);
        Assert.Null(row.Script);
        var result = OwnershipVerifier.Verify(row, row.Message!)!;
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Import_MultisigScriptWithOneSignatureCell_StillMultisig()
    {
        // The real OKX 2-of-3 row with its second signature removed: only the script says it is multisig.
        var text = File.ReadAllText(TestData.PathOf("vectors/okx/test.csv"));
        var btcLine = text.Split('\n').Single(l => l.StartsWith("BTC,BTC,", StringComparison.Ordinal));
        var cells = btcLine.Split(',');
        cells[4] = "null";
        var row = OkxReservesCsvImporter.Import(text.Replace(btcLine, string.Join(',', cells), StringComparison.Ordinal), "okx.csv").Rows.Single(r => string.Equals(r.Chain, "bitcoin", StringComparison.Ordinal));
        Assert.Equal(SignatureScheme.BitcoinMultisig, row.Scheme);
        Assert.Equal(cells[6], row.Script);
        Assert.Null(row.PublicKey);
        Assert.Single(row.Signatures);
    }

    [Fact]
    public void HasTemplateShape_ScriptYesKeyNo()
    {
        var script = Convert.FromHexString("522103cf1f7e2d8e428e5dfc36d9eacd679a0bf7356a8e05dd02c8a9a12db36bb1c92421027b961ddea8ae2e81d47804685cf2ab820a4d59cdcb10f70adeeaf0e4d8817eae2102813215371e992904e68b3b77752898b22d89d7ca1c2562e8403040fd5e807c1453ae");
        Assert.True(Por.Reserves.Bitcoin.MultisigScript.HasTemplateShape(script));
        Assert.False(Por.Reserves.Bitcoin.MultisigScript.HasTemplateShape(Convert.FromHexString("035f172bbd100361a72db75ad460f6a3ca38743dd824d2c1a11b52755843e1a3ae")));
        Assert.False(Por.Reserves.Bitcoin.MultisigScript.HasTemplateShape(script.AsSpan(0, script.Length - 2).ToArray().Concat(new byte[] { 0x52, 0xae }).ToArray()));
        Assert.False(Por.Reserves.Bitcoin.MultisigScript.HasTemplateShape([.. script[..^1], 0xad]));
    }

    private const string ElevenHeader = "coin,Network,Snapshot Height,address,amount,message,signature1,signature2,redeem script/ public key, eoa1, eoa2\n";

    [Theory]
    [InlineData("BTC,BTC,1,bc1q\u0007x,1,m,s,,,,\n", "address", 0x07)]
    [InlineData("BTC,BTC,1,bc1q,1,I am an\u0085 OKX address,s,,,,\n", "message", 0x85)]
    [InlineData("BTC,BTC,1,bc1q,1,m,s\u0000,,,,\n", "signature1", 0x00)]
    public void Import_ControlCharacter_ErrorNamesLineAndColumn(string row, string column, int code)
    {
        var ex = Assert.Throws<InputException>(() => OkxReservesCsvImporter.Import(ElevenHeader + row, "c.csv"));
        Assert.Equal(2, ex.Line);
        Assert.Equal(column, ex.Field);
        Assert.Contains($"U+{code:X4}", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_HeaderWithoutRows_Error()
    {
        var ex = Assert.Throws<InputException>(() => OkxReservesCsvImporter.Import("coin,snapshot height,amount\nBTC,1,2\n\n" + ElevenHeader, "h.csv"));
        Assert.Equal(4, ex.Line);
        Assert.Contains("at least one row", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_CsvWithInvalidUtf8_ErrorNamesLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"por-okx-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetBytes(ElevenHeader + "BTC,BTC,1,bc1q"), 0xFF, .. "x,1,m,s,,,,\n"u8]);
        try
        {
            var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.ReadFile(path));
            Assert.Equal(2, ex.Line);
            Assert.Contains("UTF-8", ex.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
