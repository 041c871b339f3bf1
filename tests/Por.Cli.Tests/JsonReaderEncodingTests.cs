// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;
using Por.Reports;
using Por.Reports.Attestation;
using Por.Reports.Prices;
using Por.Reserves;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;

namespace Por.Cli.Tests;

/// <summary>
/// Every reader of a por JSON file turns a string that cannot be decoded — invalid UTF-8 bytes, or an escaped unpaired
/// surrogate (<c>"\ud800"</c>) — into an <see cref="InputException"/> naming the file, the line and the field, never an
/// exception from the JSON library. Each reader gets a valid file of its kind (from a demo run or a zk bundle) with its
/// first string value other than the format id made undecodable.
/// </summary>
public sealed class JsonReaderEncodingTests(DemoDirectory demo, ZkBundleFixture zk) : IClassFixture<DemoDirectory>, IClassFixture<ZkBundleFixture>
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var reader in s_readers)
        {
            data.Add(reader, "bytes");
            data.Add(reader, "surrogate");
        }

        return data;
    }

    private static readonly string[] s_readers =
    [
        "snapshot-jsonl", "snapshot-okx", "asset-list", "manifest-transparent", "manifest-zk", "manifest-mode", "inclusion-transparent", "inclusion-zk",
        "reserve-declaration", "registry", "nodes", "reserves-result", "reserves-signature", "attestation", "auditor-public-key", "report-to-attest",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reader_UndecodableString_IsALocatedInputError(string reader, string kind)
    {
        using var dir = new Por.Testing.TempDirectory();
        var (source, read) = Reader(reader, dir);
        var (bytes, line) = Corrupt(File.ReadAllBytes(source), kind);
        var path = dir.Write(Path.GetFileName(source), bytes);
        var e = Assert.Throws<InputException>(() => read(path));
        Assert.Equal(path, e.File);
        Assert.Equal(line, e.Line);
        Assert.NotEqual("", e.Field);
        Assert.Contains("UTF-8", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PriceFile_InvalidUtf8_IsALocatedInputError()
    {
        using var dir = new Por.Testing.TempDirectory();
        var text = File.ReadAllBytes(Path.Combine(demo.Path, "prices.csv"));
        var lines = Encoding.UTF8.GetString(text).Split('\n');
        var path = dir.Write("prices.csv", [.. Encoding.UTF8.GetBytes(string.Join('\n', lines[..3]) + "\nBT"), 0xFF, .. "C,1\n"u8]);
        var e = Assert.Throws<InputException>(() => PriceFileReader.Read(path));
        Assert.Equal(4, e.Line);
        Assert.Contains("invalid UTF-8", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_RoundBuild_AssetListWithSurrogate_Exit2_NoStackTrace()
    {
        using var dir = new Por.Testing.TempDirectory();
        var assets = dir.Write("assets.json", "[{\"symbol\":\"BTC\",\"decimals\":8},\n{\"symbol\":\"\\ud800\",\"decimals\":8}]");
        var run = CliRunner.Run("round", "build", "--snapshot", Path.Combine(demo.Path, "snapshot.csv"), "--assets", assets, "--out", dir.File("r"), "--round-id", "x");
        AssertLocated(run, $"{assets}:2: field '[1].symbol'");
        Assert.False(Directory.Exists(dir.File("r")));
    }

    [Fact]
    public void Cli_RoundVerify_ManifestWithInvalidBytes_Exit2_NoStackTrace()
    {
        using var dir = new Por.Testing.TempDirectory();
        var bundle = dir.File("round");
        CopyDirectory(Path.Combine(demo.Path, "round"), bundle);
        var manifest = Path.Combine(bundle, BundleLayout.Manifest);
        var (bytes, line) = Corrupt(File.ReadAllBytes(manifest), "bytes");
        File.WriteAllBytes(manifest, bytes);
        AssertLocated(CliRunner.Run("round", "verify", "--round", bundle), $"{manifest}:{line}: field '");
    }

    [Fact]
    public void Cli_ReservesVerify_DeclarationWithSurrogate_Exit2_NoStackTrace()
    {
        using var dir = new Por.Testing.TempDirectory();
        var (bytes, line) = Corrupt(File.ReadAllBytes(Path.Combine(demo.Path, "reserves.json")), "surrogate");
        var declaration = dir.Write("reserves.json", bytes);
        AssertLocated(CliRunner.Run("reserves", "verify", "--file", declaration, "--registry", Path.Combine(demo.Path, "registry.json")), $"{declaration}:{line}: field '");
    }

    [Fact]
    public void Cli_InclusionVerify_InclusionWithSurrogate_Exit2_NoStackTrace()
    {
        using var dir = new Por.Testing.TempDirectory();
        var (bytes, line) = Corrupt(File.ReadAllBytes(Path.Combine(demo.Path, "inclusion.json")), "surrogate");
        var inclusion = dir.Write("inclusion.json", bytes);
        AssertLocated(CliRunner.Run("inclusion", "verify", "--inclusion", inclusion), $"{inclusion}:{line}: field '");
    }

    private static void AssertLocated((int Exit, string Out, string Err) run, string location)
    {
        Assert.Equal(2, run.Exit);
        Assert.Contains(location, run.Err, StringComparison.Ordinal);
        Assert.Contains("UTF-8", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Err, StringComparison.Ordinal);
    }

    private (string Source, Action<string> Read) Reader(string name, Por.Testing.TempDirectory dir)
    {
        var assets = AssetListReader.Read(Path.Combine(demo.Path, "assets.csv"));
        var registry = ReserveRegistryParser.ReadFile(Path.Combine(demo.Path, "registry.json"));
        return name switch
        {
            "snapshot-jsonl" => (dir.Write("s.jsonl", "{\"id\":\"alice\",\"balances\":{\"BTC\":\"1\"}}\n{\"id\":\"bob\",\"balances\":{\"BTC\":\"2\"}}\n"),
                p => SnapshotReader.Read(p, SnapshotFormat.Auto, assets, new NullSink())),
            "snapshot-okx" => (dir.Write("s.json", "[\n{\"id\":\"alice\",\"assets\":{\"BTC\":\"1\"}},\n{\"id\":\"bob\",\"assets\":{\"BTC\":\"2\"}}\n]"),
                p => SnapshotReader.Read(p, SnapshotFormat.Auto, assets, new NullSink())),
            "asset-list" => (dir.Write("assets.json", "[\n{\"symbol\":\"BTC\",\"decimals\":8},\n{\"symbol\":\"ETH\",\"decimals\":18}\n]"), p => AssetListReader.Read(p)),
            "manifest-transparent" => (Path.Combine(demo.Path, "round", BundleLayout.Manifest), p => RoundManifestJson.Read(p)),
            "manifest-zk" => (Path.Combine(zk.Bundle, BundleLayout.Manifest), p => ZkRoundManifestJson.Read(p)),
            "manifest-mode" => (Path.Combine(zk.Bundle, BundleLayout.Manifest), p => RoundModes.ReadManifest(p)),
            "inclusion-transparent" => (Path.Combine(demo.Path, "inclusion.json"), p => InclusionProofJson.Parse(File.ReadAllBytes(p), p)),
            "inclusion-zk" => (zk.InclusionFile, p => ZkInclusionFileJson.Parse(File.ReadAllBytes(p), p)),
            "reserve-declaration" => (Path.Combine(demo.Path, "reserves.json"), p => ReserveDeclarationParser.ReadFile(p)),
            "registry" => (Path.Combine(demo.Path, "registry.json"), p => ReserveRegistryParser.ReadFile(p)),
            "nodes" => (Path.Combine(demo.Path, "nodes.json"), p =>
            {
                using var http = new HttpClient();
                NodeConfiguration.Parse(File.ReadAllBytes(p), p, registry, http, _ => null);
            }
            ),
            "reserves-result" => (Path.Combine(demo.Path, "reserves-result.json"), p => ReserveResultReader.Read(p)),
            "reserves-signature" => (Path.Combine(demo.Path, "reserves-result.json.sig"), p => ReserveResultSignatureJson.Parse(File.ReadAllBytes(p), p)),
            "attestation" => (Path.Combine(demo.Path, "report", "attestation.json"), p => AttestationJson.Parse(File.ReadAllBytes(p), p)),
            "auditor-public-key" => (Path.Combine(demo.Path, "auditor.pub.json"), p => AuditorKey.Read(p, requireSecret: false)),
            "report-to-attest" => (Path.Combine(demo.Path, "report", "report.json"), p =>
                Attestor.Sign(Path.Combine(demo.Path, "round", BundleLayout.Manifest), p, AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Audit"), DateTimeOffset.UnixEpoch)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>Makes the first string value of <paramref name="json"/> other than the format id undecodable: a 0xFF
    /// byte, or an escaped lone high surrogate, inserted at its start. Returns the new bytes and the 1-based line of
    /// that string.</summary>
    private static (byte[] Bytes, long Line) Corrupt(byte[] json, string kind)
    {
        var reader = new Utf8JsonReader(json);
        var start = -1;
        var property = "";
        while (start < 0 && reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString()!;
            }
            else if (reader.TokenType == JsonTokenType.String && property != "format")
            {
                start = (int)reader.TokenStartIndex + 1;
            }
        }

        Assert.True(start > 0, "no string value to corrupt");
        byte[] insert = kind == "bytes" ? [0xFF] : "\\ud800"u8.ToArray();
        var line = json.AsSpan(0, start).Count((byte)'\n') + 1;
        return ([.. json.AsSpan(0, start), .. insert, .. json.AsSpan(start)], line);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var d in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(d.Replace(from, to, StringComparison.Ordinal));
        }

        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(f, f.Replace(from, to, StringComparison.Ordinal));
        }
    }

    private sealed class NullSink : ISnapshotSink
    {
        public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
        {
        }
    }
}
