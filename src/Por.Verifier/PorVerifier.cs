// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;

namespace Por.Verifier;

/// <summary>
/// The verifier SDK's entry point: one call checks a customer's inclusion file of either mode, optionally against the
/// published manifest; another checks a zk round's batch proofs. Both read the mode from the files (transparent
/// <c>por-round/1</c> + <c>por-inclusion/1</c>, zk <c>por-round/2</c> + <c>por-inclusion/2</c>, and the legacy dotted ids
/// <c>por.round/…</c>, <c>por.inclusion/…</c>), call por's own verifiers (Por.Liabilities; no cryptography here), and
/// never throw for bad, mismatched or garbage input: every such case is a result with a <see cref="VerifierFailure"/>.
/// Test-only parameter sets are always refused.
/// </summary>
public static class PorVerifier
{
    /// <summary>Largest file read from a stream (64 MiB); a larger one is malformed input.</summary>
    public const int MaxFileBytes = 64 << 20;

    private const string InclusionName = "inclusion file";
    private const string ManifestName = "manifest";

    /// <summary>Checks a customer's inclusion file, optionally against the round's published manifest.</summary>
    /// <param name="inclusion">The inclusion file's bytes.</param>
    /// <param name="manifest">The published manifest.json's bytes, or null to check the file alone (then compare its root with the published one).</param>
    /// <returns>The outcome; never throws for bad input.</returns>
    public static InclusionResult VerifyInclusion(byte[] inclusion, byte[]? manifest = null)
    {
        ArgumentNullException.ThrowIfNull(inclusion);
        if (!TryParse(() => RoundModes.Read(inclusion, InclusionName, RoundDocument.Inclusion), out var mode, out var error))
        {
            return Unreadable(VerifierFailure.InclusionMalformed, error);
        }

        if (mode == RoundMode.Zk)
        {
            if (!TryParse(() => ZkInclusionFileJson.Parse(inclusion, InclusionName), out var file, out error))
            {
                return Unreadable(VerifierFailure.InclusionMalformed, error);
            }

            return manifest is null ? VerifyInclusion(file, null) : WithManifest(manifest, RoundMode.Zk, Describe(file), bytes => VerifyInclusion(file, ZkRoundManifestJson.Parse(bytes, ManifestName)));
        }

        if (!TryParse(() => InclusionProofJson.Parse(inclusion, InclusionName), out var proof, out error))
        {
            return Unreadable(VerifierFailure.InclusionMalformed, error);
        }

        return manifest is null ? VerifyInclusion(proof, null) : WithManifest(manifest, RoundMode.Transparent, Describe(proof), bytes => VerifyInclusion(proof, RoundManifestJson.Parse(bytes, ManifestName)));
    }

    /// <summary>Checks a customer's inclusion file read from a stream, optionally against the manifest read from another.</summary>
    /// <param name="inclusion">The inclusion file.</param>
    /// <param name="manifest">The published manifest.json, or null.</param>
    /// <returns>The outcome; never throws for bad input (a stream's I/O errors are not input and do propagate).</returns>
    public static InclusionResult VerifyInclusion(Stream inclusion, Stream? manifest = null)
    {
        ArgumentNullException.ThrowIfNull(inclusion);
        if (ReadCapped(inclusion) is not { } inclusionBytes)
        {
            return new InclusionResult { Failure = VerifierFailure.InclusionMalformed, Message = $"{InclusionName}: larger than {MaxFileBytes:N0} bytes" };
        }

        if (manifest is null)
        {
            return VerifyInclusion(inclusionBytes);
        }

        return ReadCapped(manifest) is { } manifestBytes
            ? VerifyInclusion(inclusionBytes, manifestBytes)
            : new InclusionResult { Failure = VerifierFailure.ManifestMalformed, Message = $"{ManifestName}: larger than {MaxFileBytes:N0} bytes" };
    }

    /// <summary>Checks a parsed transparent inclusion proof, optionally against a parsed manifest.</summary>
    /// <param name="proof">The proof (<see cref="InclusionProofJson.Parse"/>).</param>
    /// <param name="manifest">The manifest (<see cref="RoundManifestJson.Parse"/>), or null.</param>
    /// <returns>The outcome.</returns>
    public static InclusionResult VerifyInclusion(InclusionProof proof, RoundManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var result = Describe(proof);
        InclusionVerification verdict;
        try
        {
            verdict = InclusionVerifier.Verify(proof, manifest?.Header);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            return With(result, VerifierFailure.ProofMalformed, e.Message, manifest is not null);
        }

        result = manifest is not null && proof.Header.Differences(manifest.Header).Count == 0 ? WithRound(result, manifest.Header.Assets, manifest.Header.Totals, manifest.Header.Root) : result;
        return With(result, Map(verdict.Failure), verdict.Message, verdict.CheckedAgainstManifest);
    }

    /// <summary>Checks a parsed zk inclusion file, optionally against a parsed zk manifest.</summary>
    /// <param name="file">The file (<see cref="ZkInclusionFileJson.Parse"/>).</param>
    /// <param name="manifest">The manifest (<see cref="ZkRoundManifestJson.Parse"/>), or null.</param>
    /// <returns>The outcome.</returns>
    public static InclusionResult VerifyInclusion(ZkInclusionFile file, ZkRoundManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(file);
        var result = Describe(file);
        InclusionVerification verdict;
        try
        {
            verdict = ZkInclusionFileVerifier.Verify(file, manifest?.Header, allowTestParameters: false);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            return With(result, VerifierFailure.ProofMalformed, e.Message, manifest is not null);
        }

        result = manifest is not null && file.Header.Differences(manifest.Header).Count == 0 ? WithRound(result, manifest.Header.Assets, manifest.Header.Totals, manifest.Header.Root) : result;
        return With(result, Map(verdict.Failure), verdict.Message, verdict.CheckedAgainstManifest);
    }

    /// <summary>
    /// Checks a zk round's batch proofs against its manifest: the manifest lists exactly the batches' proofs and
    /// statements, each given file has the listed size and SHA-256, the root commits to the round's fields, and every
    /// batch proof verifies, in order, chained, ending at the published totals and tree root.
    /// </summary>
    /// <param name="manifest">The published manifest.json's bytes.</param>
    /// <param name="files">The batch files by name: the bundle path (<c>batches/batch-00000.proof</c>) or the bare file
    /// name (<c>batch-00000.proof</c>); files the manifest does not list are ignored.</param>
    /// <returns>The outcome; never throws for bad input.</returns>
    public static RoundResult VerifyRound(byte[] manifest, IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(files);
        if (!TryParse(() => RoundModes.Read(manifest, ManifestName, RoundDocument.Manifest), out var mode, out var error))
        {
            return new RoundResult { Failure = VerifierFailure.ManifestMalformed, Message = error };
        }

        if (mode == RoundMode.Transparent)
        {
            return new RoundResult { Failure = VerifierFailure.NotZkRound, Message = "the manifest is of a transparent round: it has no batch proofs (its tree is checked by the auditor with por round verify)", Mode = VerifiedMode.Transparent };
        }

        if (!TryParse(() => ZkRoundManifestJson.Parse(manifest, ManifestName), out var parsed, out error))
        {
            return new RoundResult { Failure = VerifierFailure.ManifestMalformed, Message = error, Mode = VerifiedMode.Zk };
        }

        var h = parsed.Header;
        var result = new RoundResult
        {
            Failure = VerifierFailure.None,
            Message = "",
            Mode = VerifiedMode.Zk,
            RoundId = h.RoundId,
            SnapshotTime = h.SnapshotTime,
            Root = Convert.ToHexStringLower([.. h.Root]),
            Totals = Amounts(h.Assets, h.Totals),
            ParameterSetId = h.ParameterSetId,
            BatchCount = h.BatchCount,
        };

        var byName = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, bytes) in files)
        {
            if (name is null || bytes is null)
            {
                throw new ArgumentException("a file's name or bytes are null", nameof(files));
            }

            var key = FileName(name);
            if (byName.TryGetValue(key, out var earlier) && !earlier.AsSpan().SequenceEqual(bytes))
            {
                return new RoundResult { Failure = VerifierFailure.FileDuplicated, Message = $"{key}: given twice with different contents", Mode = result.Mode, RoundId = result.RoundId, SnapshotTime = result.SnapshotTime, Root = result.Root, Totals = result.Totals, ParameterSetId = result.ParameterSetId, BatchCount = result.BatchCount };
            }

            byName[key] = bytes;
        }

        ZkRoundVerification verdict;
        try
        {
            verdict = ZkRoundBundleVerifier.Verify(parsed, path => byName.GetValueOrDefault(FileName(path)), allowTestParameters: false);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            verdict = new ZkRoundVerification(BundleFailure.StatementMalformed, e.Message, parsed, 0);
        }

        return new RoundResult
        {
            Failure = Map(verdict.Failure),
            Message = verdict.Message,
            Mode = result.Mode,
            RoundId = result.RoundId,
            SnapshotTime = result.SnapshotTime,
            Root = result.Root,
            Totals = result.Totals,
            ParameterSetId = result.ParameterSetId,
            BatchCount = result.BatchCount,
            BatchesVerified = verdict.BatchesChecked,
        };
    }

    private static InclusionResult WithManifest(byte[] manifest, RoundMode inclusionMode, InclusionResult described, Func<byte[], InclusionResult> verify)
    {
        if (!TryParse(() => RoundModes.Read(manifest, ManifestName, RoundDocument.Manifest), out var manifestMode, out var error))
        {
            return With(described, VerifierFailure.ManifestMalformed, error, false);
        }

        if (manifestMode != inclusionMode)
        {
            return With(described, VerifierFailure.ModeMismatch, $"the inclusion file is of a {inclusionMode.Name()} round, the manifest of a {manifestMode.Name()} round", false);
        }

        try
        {
            return verify(manifest);
        }
        catch (Exception e) when (IsBadInput(e))
        {
            return With(described, VerifierFailure.ManifestMalformed, e.Message, false);
        }
    }

    private static InclusionResult Describe(InclusionProof proof)
    {
        var h = proof.Header;
        return new InclusionResult
        {
            Failure = VerifierFailure.None,
            Message = "",
            Mode = VerifiedMode.Transparent,
            RoundId = h.RoundId,
            SnapshotTime = h.SnapshotTime,
            Root = Convert.ToHexStringLower([.. h.Root]),
            AccountId = proof.AccountId,
            Balances = [.. proof.Balances.Select(b => new AssetAmount(h.Assets[b.Asset].Symbol, b.Amount, h.Assets[b.Asset].Decimals))],
        };
    }

    private static InclusionResult Describe(ZkInclusionFile file)
    {
        var h = file.Header;
        return new InclusionResult
        {
            Failure = VerifierFailure.None,
            Message = "",
            Mode = VerifiedMode.Zk,
            RoundId = h.RoundId,
            SnapshotTime = h.SnapshotTime,
            Root = Convert.ToHexStringLower([.. h.Root]),
            AccountId = Encoding.UTF8.GetString(file.Proof.AccountId),
            Balances = [.. file.Proof.Holdings.Select(b => new AssetAmount(h.Assets[b.Asset].Symbol, b.Amount, h.Assets[b.Asset].Decimals))],
            ParameterSetId = h.ParameterSetId,
            BatchCount = h.BatchCount,
        };
    }

    private static InclusionResult WithRound(InclusionResult r, AssetTable assets, IReadOnlyList<ulong> totals, IReadOnlyList<byte> root) => new()
    {
        Failure = r.Failure,
        Message = r.Message,
        CheckedAgainstManifest = r.CheckedAgainstManifest,
        Mode = r.Mode,
        RoundId = r.RoundId,
        SnapshotTime = r.SnapshotTime,
        Root = Convert.ToHexStringLower([.. root]),
        AccountId = r.AccountId,
        Balances = r.Balances,
        Totals = Amounts(assets, totals),
        ParameterSetId = r.ParameterSetId,
        BatchCount = r.BatchCount,
    };

    private static InclusionResult With(InclusionResult r, VerifierFailure failure, string message, bool checkedAgainstManifest) => new()
    {
        Failure = failure,
        Message = message,
        CheckedAgainstManifest = checkedAgainstManifest,
        Mode = r.Mode,
        RoundId = r.RoundId,
        SnapshotTime = r.SnapshotTime,
        Root = r.Root,
        AccountId = r.AccountId,
        Balances = r.Balances,
        Totals = r.Totals,
        ParameterSetId = r.ParameterSetId,
        BatchCount = r.BatchCount,
    };

    private static InclusionResult Unreadable(VerifierFailure failure, string message) => new() { Failure = failure, Message = message };

    // Runs a parser; bad input comes back as its message, not as an exception (the SDK never throws for bad input).
    private static bool TryParse<T>(Func<T> parse, [MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out string? error)
    {
        try
        {
            value = parse();
            error = null;
            return true;
        }
        catch (Exception e) when (IsBadInput(e))
        {
            value = default;
            error = e.Message;
            return false;
        }
    }

    private static AssetAmount[] Amounts(AssetTable assets, IReadOnlyList<ulong> totals) =>
        [.. Enumerable.Range(0, assets.Count).Select(a => new AssetAmount(assets[a].Symbol, totals[a], assets[a].Decimals))];

    private static string FileName(string name)
    {
        var slash = name.AsSpan().LastIndexOfAny('/', '\\');
        return slash < 0 ? name : name[(slash + 1)..];
    }

    private static byte[]? ReadCapped(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Malformed input surfaces as InputException from por's strict readers; the others guard the promise that no
    // input, however broken, escapes as an exception.
    private static bool IsBadInput(Exception e) => e is InputException or JsonException or FormatException or OverflowException
        or ArgumentException or InvalidDataException or InvalidOperationException or IndexOutOfRangeException or KeyNotFoundException;

    private static VerifierFailure Map(InclusionFailure failure) => failure switch
    {
        InclusionFailure.None => VerifierFailure.None,
        InclusionFailure.TestParametersRefused => VerifierFailure.ParametersRefused,
        InclusionFailure.RoundMismatch => VerifierFailure.RoundMismatch,
        InclusionFailure.RootNotBound => VerifierFailure.RootNotBound,
        InclusionFailure.ProofMalformed => VerifierFailure.ProofMalformed,
        InclusionFailure.SumOverflow => VerifierFailure.SumOverflow,
        InclusionFailure.TotalMismatch => VerifierFailure.TotalMismatch,
        InclusionFailure.RootMismatch => VerifierFailure.RootMismatch,
        _ => throw new UnreachableException($"inclusion failure {failure} has no SDK code"),
    };

    private static VerifierFailure Map(BundleFailure failure) => failure switch
    {
        BundleFailure.None => VerifierFailure.None,
        BundleFailure.TestParametersRefused => VerifierFailure.ParametersRefused,
        BundleFailure.FileListInvalid => VerifierFailure.FileListInvalid,
        BundleFailure.FileMissing => VerifierFailure.FileMissing,
        BundleFailure.FileSizeMismatch => VerifierFailure.FileSizeMismatch,
        BundleFailure.FileDigestMismatch => VerifierFailure.FileDigestMismatch,
        BundleFailure.TotalMismatch => VerifierFailure.TotalMismatch,
        BundleFailure.RootMismatch => VerifierFailure.RootMismatch,
        BundleFailure.RootNotBound => VerifierFailure.RootNotBound,
        BundleFailure.StatementMalformed => VerifierFailure.StatementMalformed,
        BundleFailure.StatementMismatch => VerifierFailure.StatementMismatch,
        BundleFailure.ChainBroken => VerifierFailure.ChainBroken,
        BundleFailure.BatchProofRejected => VerifierFailure.BatchProofRejected,
        _ => throw new UnreachableException($"bundle failure {failure} does not arise in a zk round"),
    };
}
