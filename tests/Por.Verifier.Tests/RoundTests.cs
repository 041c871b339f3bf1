// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Por.Verifier.Tests;

/// <summary>PorVerifier.VerifyRound on the recorded zk round's batch files, honest and altered.</summary>
public sealed class RoundTests(VerifierFiles files) : IClassFixture<VerifierFiles>
{
    [Fact]
    public void Honest_BundlePathsOrBareNames_Pass()
    {
        var byPath = VerifierFiles.ZkBatchFiles();
        var r = PorVerifier.VerifyRound(VerifierFiles.ZkManifest, byPath);
        Assert.True(r.Passed, r.Message);
        Assert.Equal(2, r.BatchesVerified);
        Assert.Equal(VerifiedMode.Zk, r.Mode);
        Assert.Equal("pol-v1-n8", r.ParameterSetId);
        Assert.Equal(["93.75", "15175", "2265000"], r.Totals!.Select(t => t.ToString()));

        var bare = byPath.ToDictionary(kv => Path.GetFileName(kv.Key), kv => kv.Value, StringComparer.Ordinal);
        bare["unrelated.txt"] = [1, 2, 3]; // files the manifest does not list are ignored
        Assert.True(PorVerifier.VerifyRound(VerifierFiles.CurrentIds(VerifierFiles.ZkManifest), bare).Passed);
    }

    [Fact]
    public void ProofByteChanged_FailsDigestMismatch()
    {
        var batch = VerifierFiles.ZkBatchFiles();
        batch["batches/batch-00001.proof"][100] ^= 1;
        Assert.Equal(VerifierFailure.FileDigestMismatch, PorVerifier.VerifyRound(VerifierFiles.ZkManifest, batch).Failure);
    }

    [Fact]
    public void ProofChanged_AndManifestHashUpdated_FailsBatchProofRejected()
    {
        // The hash check passes, so the STARK verifier itself must reject the altered proof.
        var batch = VerifierFiles.ZkBatchFiles();
        var proof = batch["batches/batch-00001.proof"];
        proof[proof.Length / 2] ^= 1;
        var manifest = Rehash(VerifierFiles.ZkManifest, "batches/batch-00001.proof", proof);
        var r = PorVerifier.VerifyRound(manifest, batch);
        Assert.Equal(VerifierFailure.BatchProofRejected, r.Failure);
        Assert.Equal(0, r.BatchesVerified);
    }

    [Fact]
    public void BatchesSwapped_AndManifestHashesUpdated_FailsStatementMismatch()
    {
        var batch = VerifierFiles.ZkBatchFiles();
        var swapped = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["batches/batch-00000.proof"] = batch["batches/batch-00001.proof"],
            ["batches/batch-00001.proof"] = batch["batches/batch-00000.proof"],
            ["batches/batch-00000.statement"] = batch["batches/batch-00001.statement"],
            ["batches/batch-00001.statement"] = batch["batches/batch-00000.statement"],
        };
        var manifest = VerifierFiles.ZkManifest;
        foreach (var (path, bytes) in swapped)
        {
            manifest = Rehash(manifest, path, bytes);
        }

        Assert.Equal(VerifierFailure.StatementMismatch, PorVerifier.VerifyRound(manifest, swapped).Failure);
    }

    [Fact]
    public void TotalChangedInManifest_FailsRootNotBound()
    {
        var manifest = VerifierFiles.Edit(VerifierFiles.ZkManifest, o => o["assets"]![0]!["total"] = "93.76");
        Assert.Equal(VerifierFailure.RootNotBound, PorVerifier.VerifyRound(manifest, VerifierFiles.ZkBatchFiles()).Failure);
    }

    [Fact]
    public void MissingFile_FailsFileMissing()
    {
        var batch = VerifierFiles.ZkBatchFiles();
        batch.Remove("batches/batch-00001.statement");
        Assert.Equal(VerifierFailure.FileMissing, PorVerifier.VerifyRound(VerifierFiles.ZkManifest, batch).Failure);
    }

    [Fact]
    public void SameNameTwiceWithDifferentContents_FailsFileDuplicated()
    {
        var batch = VerifierFiles.ZkBatchFiles().ToList();
        batch.Add(KeyValuePair.Create("copy/batch-00000.proof", new byte[] { 1 }));
        Assert.Equal(VerifierFailure.FileDuplicated, PorVerifier.VerifyRound(VerifierFiles.ZkManifest, batch).Failure);
    }

    [Fact]
    public void ExtraFileListed_FailsFileListInvalid()
    {
        var manifest = VerifierFiles.Edit(VerifierFiles.ZkManifest, o => o["files"]!.AsArray().Add(new JsonObject { ["path"] = "private/zk-openings.bin", ["sha256"] = new string('0', 64), ["bytes"] = 1 }));
        Assert.Equal(VerifierFailure.FileListInvalid, PorVerifier.VerifyRound(manifest, VerifierFiles.ZkBatchFiles()).Failure);
    }

    [Fact]
    public void TransparentManifest_FailsNotZkRound_GarbageFailsMalformed()
    {
        Assert.Equal(VerifierFailure.NotZkRound, PorVerifier.VerifyRound(files.TransparentManifest, VerifierFiles.ZkBatchFiles()).Failure);
        Assert.Equal(VerifierFailure.ManifestMalformed, PorVerifier.VerifyRound([1, 2, 3], VerifierFiles.ZkBatchFiles()).Failure);
        Assert.Equal(VerifierFailure.ManifestMalformed, PorVerifier.VerifyRound(VerifierFiles.ZkInclusion, VerifierFiles.ZkBatchFiles()).Failure);
        var json = PorVerifier.VerifyRound(files.TransparentManifest, []).ToJson();
        Assert.Contains("\"failure_code\": \"not_zk_round\"", json, StringComparison.Ordinal);
    }

    private static byte[] Rehash(byte[] manifest, string path, byte[] bytes) => VerifierFiles.Edit(manifest, o =>
    {
        foreach (var f in o["files"]!.AsArray())
        {
            if ((string)f!["path"]! == path)
            {
                f["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
                f["bytes"] = bytes.Length;
            }
        }
    });
}
