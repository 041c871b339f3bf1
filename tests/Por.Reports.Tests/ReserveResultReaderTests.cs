// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json.Nodes;
using Por.Common;
using Por.Reserves;

namespace Por.Reports.Tests;

/// <summary>Each consistency check of the reader, exercised by editing an honest result file the way a cheater would.</summary>
public sealed class ReserveResultReaderTests
{
    private static JsonObject Honest() => JsonNode.Parse(ReserveResultJson.Serialize(ReportFixture.Result("2026-11")))!.AsObject();

    private static VerifiedReserves Read(JsonObject json) => ReserveResultReader.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "r.json");

    [Fact]
    public void Parse_HonestFile_OnlyVerifiedRowsCount()
    {
        var r = Read(Honest());
        Assert.Equal("2026-11", r.Round);
        Assert.Equal((UInt128)160_000_000, r.Find("BTC")!.Verified);
        var usdt = r.Find("USDT")!;
        Assert.Equal(UInt128.Zero, usdt.Verified);
        Assert.Equal((UInt128)2_000_000_000, usdt.Unverified);
        Assert.Equal(1, usdt.FailedRows);
    }

    [Fact]
    public void Parse_VerifiedTotalInflated_Rejected()
    {
        var json = Honest();
        json["verified_reserves"]![0]!["amount"] = "160000001";
        Assert.Contains("add up to", Assert.Throws<InvalidDataException>(() => Read(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FailedRowRelabelledVerified_Rejected()
    {
        // Flipping a failed row to verified: its failure code still says why it failed.
        var json = Honest();
        json["rows"]![2]!["status"] = "verified";
        Assert.Contains("failure code", Assert.Throws<InvalidDataException>(() => Read(json)).Message, StringComparison.Ordinal);

        // Clearing the code too: still caught by the row/total consistency checks.
        json["rows"]![2]!["failure"] = null;
        Assert.DoesNotContain("failure code", Assert.Throws<InvalidDataException>(() => Read(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RowWithoutFailureCode_InputError()
    {
        // por-reserves-result/3 rows always carry their failure codes.
        var json = Honest();
        json["rows"]![0]!.AsObject().Remove("failure");
        Assert.Equal("rows[0].failure", Assert.Throws<InputException>(() => Read(json)).Field);
    }

    [Fact]
    public void Parse_FailureCodeNotAString_InputError()
    {
        var json = Honest();
        json["rows"]![2]!["failure"] = 7;
        Assert.Equal("rows[2].failure", Assert.Throws<InputException>(() => Read(json)).Field);
    }

    [Fact]
    public void Parse_VerifiedRowWithInvalidOwnership_Rejected()
    {
        var json = Honest();
        json["rows"]![0]!["ownership"] = "invalid";
        Assert.Contains("ownership", Assert.Throws<InvalidDataException>(() => Read(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VerifiedRowBalanceBelowClaim_Rejected()
    {
        var json = Honest();
        json["rows"]![0]!["on_chain_balance"] = "159999999";
        Assert.Contains("does not cover", Assert.Throws<InvalidDataException>(() => Read(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameWalletCountedTwice_Rejected()
    {
        var result = ReportFixture.Result("2026-11", ReportFixture.Row(4, "BTC", "bitcoin", "BC1QEXAMPLE0", 160_000_000, 8, true));
        var json = JsonNode.Parse(ReserveResultJson.Serialize(result))!.AsObject();
        Assert.Contains("second time", Assert.Throws<InvalidDataException>(() => Read(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AllVerifiedFlagWrong_Rejected()
    {
        var json = Honest();
        json["all_verified"] = true;
        Assert.Contains("all_verified", Assert.Throws<InvalidDataException>(() => Read(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TotalWithoutRows_Rejected()
    {
        var json = Honest();
        json["verified_reserves"]!.AsArray().Add(new JsonObject { ["asset"] = "XRP", ["decimals"] = 6, ["amount"] = "5", ["rows"] = 1, ["stable_amount"] = null, ["stable_rows"] = 0 });
        Assert.Contains("no row backs it", Assert.Throws<InvalidDataException>(() => Read(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_VerifiedRowsWithoutTotalEntry_Rejected()
    {
        var json = Honest();
        json["verified_reserves"]!.AsArray().RemoveAt(0);
        Assert.Contains("has no entry", Assert.Throws<InvalidDataException>(() => Read(json)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TotalRowCountOrDecimalsAltered_Rejected()
    {
        var json = Honest();
        json["verified_reserves"]![0]!["rows"] = 2;
        Assert.Throws<InvalidDataException>(() => Read(json));
        json = Honest();
        json["verified_reserves"]![0]!["decimals"] = 6;
        Assert.Throws<InvalidDataException>(() => Read(json));
    }

    [Fact]
    public void Parse_UnverifiedTotalAltered_Rejected()
    {
        var json = Honest();
        json["unverified_claims"]![0]!["amount"] = "1";
        Assert.Throws<InvalidDataException>(() => Read(json));
    }

    [Fact]
    public void Parse_RowsOfOneAssetDisagreeOnDecimals_Rejected()
    {
        var result = ReportFixture.Result("2026-11", ReportFixture.Row(4, "BTC", "bitcoin", "bc1qother", 1, 18, true));
        var bytes = ReserveResultJson.Serialize(result);
        Assert.Contains("decimals", Assert.Throws<InvalidDataException>(() => ReserveResultReader.Parse(bytes, "r.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrongFormatOrUnknownField_InputError()
    {
        var json = Honest();
        json["format"] = "por-reserves/1";
        Assert.Equal("format", Assert.Throws<InputException>(() => Read(json)).Field);
        json = Honest();
        json["bonus"] = 1;
        Assert.Equal("bonus", Assert.Throws<InputException>(() => Read(json)).Field);
        json = Honest();
        json["rows"]![1]!["claimed_amount"] = "-5";
        Assert.Equal("rows[1].claimed_amount", Assert.Throws<InputException>(() => Read(json)).Field);
    }
}
