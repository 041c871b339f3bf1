// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Por.Reports.Attestation;
using Por.Reserves;
using Por.Reserves.Ownership;
using Por.Reserves.Registry;

namespace Por.IntegrationTests;

/// <summary>
/// docs/reserves.md §7.1 is enough to verify a reserves-result signature: scripts/vectors/verify-reserves-signature.js,
/// written from the docs with tweetnacl and tiny-secp256k1 (pinned in tools/package.json), agrees with por on an honest
/// signature of each algorithm and on each tampering.
/// </summary>
public sealed class ReserveSignatureIndependentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("por-sig-independent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(AttestationAlgorithm.Ed25519)]
    [InlineData(AttestationAlgorithm.Secp256k1)]
    public async Task IndependentVerifier_AgreesOnHonestAndTampered(AttestationAlgorithm algorithm)
    {
        var key = AuditorKey.Generate(algorithm, "Independent Check LLP");
        var bytes = ReserveResultJson.Serialize(Result());
        var result = Path.Combine(_dir, $"{algorithm}.json");
        var signature = ReserveResultSigner.Sign(bytes, key, DateTimeOffset.UtcNow);
        await File.WriteAllBytesAsync(result, bytes, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(result + ".sig", ReserveResultSignatureJson.Serialize(signature), TestContext.Current.CancellationToken);
        Assert.Null(await VerifyAsync(result, key));

        // A consistent edit of the result: por and the independent verifier both name the digest.
        var edited = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"150000000\"", "\"150000000000\"", StringComparison.Ordinal));
        await File.WriteAllBytesAsync(result, edited, TestContext.Current.CancellationToken);
        Assert.Equal("result_digest_mismatch", await VerifyAsync(result, key));
        Assert.Equal(AttestationFailure.ResultDigestMismatch, ReserveResultSigner.Verify(signature, edited, result, key.Public()).Failure);
        await File.WriteAllBytesAsync(result, bytes, TestContext.Current.CancellationToken);

        // Another trusted key.
        Assert.Equal("key_mismatch", await VerifyAsync(result, AuditorKey.Generate(algorithm, key.Name)));

        // A flipped signature bit (the digest field still matches the signed text).
        var flipped = signature.Signature.ToArray();
        flipped[7] ^= 0x10;
        await File.WriteAllBytesAsync(result + ".sig", ReserveResultSignatureJson.Serialize(signature with { Signature = flipped }), TestContext.Current.CancellationToken);
        Assert.Equal("signature_invalid", await VerifyAsync(result, key));
    }

    [Fact]
    public async Task IndependentVerifier_ReadsBothResultVersions()
    {
        // por-reserves-result/3 (snake_case): the registry digest is read from registry_sha256; an edited one is a mismatch.
        var key = AuditorKey.Generate(AttestationAlgorithm.Ed25519, "Independent Check LLP");
        var bytes = ReserveResultJson.Serialize(Result() with { RegistrySha256 = Enumerable.Repeat((byte)7, 32).ToArray() });
        Assert.Contains("\"registry_sha256\": \"0707", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var result = Path.Combine(_dir, "v3.json");
        await File.WriteAllBytesAsync(result, bytes, TestContext.Current.CancellationToken);
        var signature = ReserveResultSigner.Sign(bytes, key, DateTimeOffset.UtcNow);
        await File.WriteAllBytesAsync(result + ".sig", ReserveResultSignatureJson.Serialize(signature), TestContext.Current.CancellationToken);
        Assert.Null(await VerifyAsync(result, key));
        await File.WriteAllBytesAsync(result + ".sig", ReserveResultSignatureJson.Serialize(ReserveResultSigner.Sign(bytes, key, DateTimeOffset.UtcNow) with { RegistrySha256 = new byte[32] }), TestContext.Current.CancellationToken);
        Assert.Equal("result_mismatch", await VerifyAsync(result, key));

        // The por-reserves-result/2 signed before the rename (testdata/recorded/2026-12-06-reserves): registrySha256.
        var recorded = Path.Combine(RepositoryPaths.Root, "testdata", "recorded", "2026-12-06-reserves", "reserves-result.json");
        var copy = Path.Combine(_dir, "v2.json");
        File.Copy(recorded, copy);
        File.Copy(recorded + ".sig", copy + ".sig");
        var trusted = AuditorKey.Read(Path.Combine(RepositoryPaths.Root, "testdata", "recorded", "2026-12-06-reserves", "auditor.pub.json"), requireSecret: false);
        Assert.Null(await VerifyAsync(copy, trusted));
        Assert.Equal(AttestationFailure.None, ReserveResultSigner.Verify(ReserveResultSignatureJson.Parse(await File.ReadAllBytesAsync(copy + ".sig", TestContext.Current.CancellationToken), "sig"), await File.ReadAllBytesAsync(copy, TestContext.Current.CancellationToken), copy, trusted).Failure);
    }

    private static ReserveVerificationResult Result()
    {
        var row = new RowOutcome
        {
            Index = 0,
            Line = 1,
            Asset = "BTC",
            Chain = "bitcoin",
            Address = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            Scheme = "bip137",
            ClaimedAmount = 150_000_000,
            Decimals = 8,
            Failure = RowFailure.None,
            Message = "proven",
            Ownership = OwnershipResult.Valid("proven"),
            OnChainBalance = 150_000_000,
            BalanceBlockHash = new string('a', 64),
            SnapshotHeight = 800_000,
            Replayable = false,
        };
        return new ReserveVerificationResult("Independent Custody", "2026-12", "reserves.json", [row], [new AssetTotal("BTC", 8, 150_000_000, 0, 1, 0)])
        {
            RegistrySha256 = new byte[32],
            Network = RegistryNetwork.Mainnet,
        };
    }

    private static async Task<string?> VerifyAsync(string result, AuditorKey trusted)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(RepositoryPaths.Root, "scripts", "vectors", "verify-reserves-signature.js"), result, result + ".sig", Convert.ToHexStringLower(trusted.PublicKey), trusted.Name })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_PATH"] = Path.Combine(RepositoryPaths.Root, "tools", "node_modules");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        Assert.True(process.ExitCode == 0, "node: " + await stderr.ConfigureAwait(false));
        using var document = JsonDocument.Parse(await stdout.ConfigureAwait(false));
        var failure = document.RootElement.GetProperty("failure");
        return failure.ValueKind == JsonValueKind.Null ? null : failure.GetString();
    }
}
