// SPDX-License-Identifier: Apache-2.0

using System.Text;
using System.Text.Json.Nodes;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Testing;

namespace Por.Verifier.Tests;

/// <summary>
/// The honest files the SDK tests start from: two fresh transparent rounds (current ids) and the recorded zk round of
/// 2026-12-06 (parameter set pol-v1-n8, production security, legacy dotted ids; its current-id twin differs only in the
/// format strings, which no root binds).
/// </summary>
public sealed class VerifierFiles : IDisposable
{
    private readonly TempDirectory _dir = new();

    public VerifierFiles()
    {
        var accounts = TestRounds.Accounts(40);
        var bundle = TestRounds.Build(_dir, accounts, "2026-11", "round");
        TransparentManifest = File.ReadAllBytes(Path.Combine(bundle, BundleLayout.Manifest));
        TransparentAccount = accounts[5].Id;
        TransparentBalances = accounts[5].Balances;
        TransparentInclusion = InclusionProofJson.Serialize(InclusionExporter.Export(bundle, TransparentAccount)!);
        var other = TestRounds.Build(_dir, accounts, "2026-12", "other");
        OtherTransparentManifest = File.ReadAllBytes(Path.Combine(other, BundleLayout.Manifest));
    }

    public static string Recorded(string relative) => TestData.PathOf(Path.Combine("recorded", "2026-12-06", relative));

    public byte[] TransparentManifest { get; }

    public byte[] OtherTransparentManifest { get; }

    public byte[] TransparentInclusion { get; }

    public string TransparentAccount { get; }

    public ulong[] TransparentBalances { get; }

    /// <summary>The recorded zk manifest (legacy id por.round/2).</summary>
    public static byte[] ZkManifest => File.ReadAllBytes(Recorded("zk/manifest.json"));

    /// <summary>The recorded zk inclusion file of user-7 (legacy id por.inclusion/2).</summary>
    public static byte[] ZkInclusion => File.ReadAllBytes(Recorded("zk-inclusion-user-7.json"));

    /// <summary>The recorded zk round's batch files by bundle path.</summary>
    public static Dictionary<string, byte[]> ZkBatchFiles() => Directory.GetFiles(Recorded("zk/batches"))
        .ToDictionary(f => "batches/" + Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>The same document with its legacy dotted format id replaced by the current one.</summary>
    public static byte[] CurrentIds(byte[] legacy) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(legacy)
        .Replace("\"por.round/2\"", "\"por-round/2\"", StringComparison.Ordinal)
        .Replace("\"por.inclusion/2\"", "\"por-inclusion/2\"", StringComparison.Ordinal));

    /// <summary>Parses, edits and re-serializes a JSON document.</summary>
    public static byte[] Edit(byte[] json, Action<JsonObject> edit) => JsonTampering.Edit(json, edit);

    /// <summary>Every scalar of a document changed in turn (<see cref="JsonTampering.EachFieldTampered"/>).</summary>
    public static IEnumerable<(string Path, byte[] Tampered)> EachFieldTampered(byte[] json) => JsonTampering.EachFieldTampered(json);

    public void Dispose() => _dir.Dispose();
}
