// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;

namespace Por.Reserves.Tests;

public sealed class ReserveDeclarationParserTests
{
    [Fact]
    public void WriteThenParse_RoundTripsRows()
    {
        var declaration = ReserveTestFixtures.Declaration(ReserveTestFixtures.BitcoinRow(), ReserveTestFixtures.EthereumRow());
        var parsed = ReserveDeclarationParser.Parse(ReserveDeclarationParser.Write(declaration), "x.json");
        Assert.Equal(2, parsed.Rows.Count);
        Assert.Equal(declaration.Rows[1].Amount, parsed.Rows[1].Amount);
        Assert.Equal(declaration.Rows[0].Signatures, parsed.Rows[0].Signatures);
        Assert.True(parsed.Rows[1].Line > parsed.Rows[0].Line);
    }

    [Theory]
    [InlineData("amount", "\"-5\"")]
    [InlineData("amount", "\"1.5\"")]
    [InlineData("amount", "\"340282366920938463463374607431768211456\"")]
    [InlineData("scheme", "\"bip999\"")]
    [InlineData("snapshotBlockHash", "\"abc\"")]
    [InlineData("decimals", "99")]
    [InlineData("bogus", "1")]
    public void Parse_BadField_ErrorNamesFileLineAndField(string field, string value)
    {
        var json = Encoding.UTF8.GetString(ReserveDeclarationParser.Write(ReserveTestFixtures.Declaration(ReserveTestFixtures.BitcoinRow(), ReserveTestFixtures.EthereumRow())));
        var marker = "\"asset\": \"ETH\",";
        var mutated = json.Replace(marker, marker + $"\n      \"{field}\": {value},", StringComparison.Ordinal);
        if (!string.Equals(field, "bogus", StringComparison.Ordinal))
        {
            var start = mutated.IndexOf($"\"{field}\"", mutated.IndexOf("\"ETH\"", StringComparison.Ordinal) + 40, StringComparison.Ordinal);
            if (start > 0)
            {
                var end = mutated.IndexOf('\n', start);
                mutated = mutated.Remove(start, end - start).Insert(start, $"\"_removed_{field}\": 0,").Replace($"\"_removed_{field}\": 0,", string.Empty, StringComparison.Ordinal);
            }
        }

        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(mutated), "decl.json"));
        Assert.Contains("decl.json:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongFormatVersion_Rejected()
    {
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse("{\"format\":\"por-reserves/2\",\"custodian\":\"a\",\"round\":\"r\",\"rows\":[]}"u8, "v.json"));
        Assert.Contains("format", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChallengeMessage_NamesCustodianRoundAndBlockHash()
    {
        var text = ChallengeMessage.For("Acme", "2026-11", "bitcoin", 800000, "00AB");
        Assert.Contains("custodian: Acme", text, StringComparison.Ordinal);
        Assert.Contains("round: 2026-11", text, StringComparison.Ordinal);
        Assert.Contains("snapshot block hash: 00ab", text, StringComparison.Ordinal);
        Assert.NotEqual(text, ChallengeMessage.For("Acme", "2026-12", "bitcoin", 800000, "00AB"), StringComparer.Ordinal);
    }
}
