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
    [InlineData("snapshot_block_hash", "\"abc\"")]
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
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse("{\"format\":\"por-reserves/3\",\"custodian\":\"a\",\"round\":\"r\",\"rows\":[]}"u8, "v.json"));
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

    private static string ValidJson() =>
        Encoding.UTF8.GetString(ReserveDeclarationParser.Write(ReserveTestFixtures.Declaration(ReserveTestFixtures.BitcoinRow(), ReserveTestFixtures.EthereumRow())));

    private static int LineOf(string json, string text) => json[..json.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void Parse_ValidDeclaration_Accepted()
    {
        // The baseline every mutation below starts from.
        Assert.Equal(2, ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(ValidJson()), "d.json").Rows.Count);
    }

    [Theory]
    [InlineData("\"round\": \"2026-11\",", "round")]
    [InlineData("\"custodian\": \"Example Custody\",", "custodian")]
    [InlineData("\"amount\": \"5000000000000000000\",", "rows[1].amount")]
    [InlineData("\"asset\": \"BTC\",", "rows[0].asset")]
    public void Parse_RepeatedProperty_ErrorNamesLineAndField(string property, string field)
    {
        // JsonDocument keeps both copies and a lookup sees only one: a repeated field could hide a second value.
        var json = ValidJson();
        var at = json.IndexOf(property, StringComparison.Ordinal);
        var mutated = json.Insert(at + property.Length, "\n" + property);
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(mutated), "dup.json"));
        Assert.Equal(field, ex.Field);
        Assert.Equal(LineOf(json, property) + 1, ex.Line);
        Assert.Contains("given twice", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTopLevelField_ErrorNamesLineAndField()
    {
        var json = ValidJson().Replace("\"round\": \"2026-11\",", "\"round\": \"2026-11\",\n  \"note\": \"x\",", StringComparison.Ordinal);
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(json), "top.json"));
        Assert.Equal("note", ex.Field);
        Assert.Equal(LineOf(json, "\"note\""), ex.Line);
        Assert.Contains("unknown field", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyRows_ErrorNamesLineAndField()
    {
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse("{\n\"format\": \"por-reserves/1\",\n\"custodian\": \"a\",\n\"round\": \"r\",\n\"rows\": []\n}"u8, "empty.json"));
        Assert.Equal("rows", ex.Field);
        Assert.Equal(5, ex.Line);
        Assert.Contains("at least one row", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Example Custody", "custodian")]
    [InlineData("2026-11", "round")]
    [InlineData("ETH", "rows[1].asset")]
    public void Parse_InvalidUtf8_ErrorNamesLineAndField(string value, string field)
    {
        var json = ValidJson();
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var at = Encoding.UTF8.GetByteCount(json[..json.IndexOf($"\"{value}\"", StringComparison.Ordinal)]) + 2;
        bytes.InsertRange(at, new byte[] { 0xC3, 0x28 }); // a lead byte without its continuation
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(bytes.ToArray(), "utf8.json"));
        Assert.Equal(field, ex.Field);
        Assert.Equal(LineOf(json, $"\"{value}\""), ex.Line);
        Assert.Contains("UTF-8", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EscapedUnpairedSurrogate_Rejected()
    {
        var json = ValidJson().Replace("\"2026-11\"", "\"2026-11\\ud800\"", StringComparison.Ordinal);
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(json), "s.json"));
        Assert.Equal("round", ex.Field);
    }

    [Theory]
    [InlineData("Example Custody", "Example\\nCustody", "custodian", 0x0A)]
    [InlineData("Example Custody", "Example\\u0000Custody", "custodian", 0x00)]
    [InlineData("2026-11", "2026-11\\u001b[2J", "round", 0x1B)]
    [InlineData("2026-11", "2026-11\u0085", "round", 0x85)]
    [InlineData("2026-11", "2026-11\u007f", "round", 0x7F)]
    [InlineData("ETH", "ET\\tH", "rows[1].asset", 0x09)]
    public void Parse_ControlCharacter_ErrorNamesLineAndField(string value, string replacement, string field, int code)
    {
        // Custodian and round are lines of the signed challenge: a newline in them could forge another line.
        var json = ValidJson();
        var mutated = json.Replace($"\"{value}\"", $"\"{replacement}\"", StringComparison.Ordinal);
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(mutated), "c.json"));
        Assert.Equal(field, ex.Field);
        Assert.Equal(LineOf(json, $"\"{value}\""), ex.Line);
        Assert.Contains($"U+{code:X4}", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Message_AllowsLineFeedOnly()
    {
        var declaration = ReserveTestFixtures.Declaration(ReserveTestFixtures.BitcoinRow() with { Message = "line one\nline two" });
        var json = Encoding.UTF8.GetString(ReserveDeclarationParser.Write(declaration));
        Assert.Equal("line one\nline two", ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(json), "m.json").Rows[0].Message);
        var tab = json.Replace("line one\\nline two", "line one\\tline two", StringComparison.Ordinal);
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(tab), "m.json"));
        Assert.Equal("rows[0].message", ex.Field);
    }

    [Fact]
    public void Parse_ControlCharacterInPropertyName_ShownEscaped()
    {
        var json = ValidJson().Replace("\"asset\": \"ETH\",", "\"asset\": \"ETH\",\n \"a\\u001bb\": 1,", StringComparison.Ordinal);
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(json), "n.json"));
        Assert.Equal("rows[1].a\\u001bb", ex.Field);
        Assert.DoesNotContain('\u001b', ex.Message);
    }

    [Fact]
    public void Parse_RowError_KeepsTheRowsLine()
    {
        var json = ValidJson();
        var mutated = json.Replace("\"decimals\": 18", "\"decimals\": 99", StringComparison.Ordinal);
        var ex = Assert.Throws<InputException>(() => ReserveDeclarationParser.Parse(Encoding.UTF8.GetBytes(mutated), "l.json"));
        Assert.Equal("rows[1].decimals", ex.Field);
        Assert.Equal(LineOf(json, "\"asset\": \"ETH\"") - 1, ex.Line); // the row's opening brace
    }
}
