// SPDX-License-Identifier: Apache-2.0

using Por.Testing;

namespace Por.Verifier.Tests;

/// <summary>docs/sdk.md's sample is exactly the code in SdkSample.cs, and that code runs as the docs say.</summary>
public sealed class SdkSampleTests(VerifierFiles files) : IClassFixture<VerifierFiles>
{
    private static string RepositoryRoot => Path.GetDirectoryName(TestData.Root)!;

    [Theory]
    [InlineData("inclusion")]
    [InlineData("round")]
    public void DocsSample_IsTheCompiledCode(string name)
    {
        var source = File.ReadAllLines(Path.Combine(RepositoryRoot, "tests", "Por.Verifier.Tests", "SdkSample.cs"));
        var start = Array.FindIndex(source, l => l.Trim() == $"// begin-sample {name}");
        var end = Array.FindIndex(source, l => l.Trim() == $"// end-sample {name}");
        Assert.True(start >= 0 && end > start);
        var code = Dedent(source[(start + 1)..end]);

        var docs = File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "sdk.md")).ReplaceLineEndings("\n");
        var marker = $"<!-- sample {name}: tests/Por.Verifier.Tests/SdkSample.cs -->\n```csharp\n";
        var at = docs.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"docs/sdk.md has no '{marker.Trim()}' block");
        var body = docs[(at + marker.Length)..];
        body = body[..body.IndexOf("```", StringComparison.Ordinal)];
        Assert.Equal(code, body.TrimEnd('\n'));
    }

    [Fact]
    public void InclusionSample_PrintsPassOrFail()
    {
        using var dir = new TempDirectory();
        var inclusion = dir.Write("inclusion.json", files.TransparentInclusion);
        using var output = new StringWriter();
        Assert.Equal(0, SdkSample.CheckInclusion(inclusion, dir.Write("manifest.json", files.TransparentManifest), output));
        Assert.StartsWith("PASS: account acct-5 is in round 2026-11", output.ToString(), StringComparison.Ordinal);

        using var failed = new StringWriter();
        Assert.Equal(1, SdkSample.CheckInclusion(inclusion, dir.Write("other.json", files.OtherTransparentManifest), failed));
        Assert.StartsWith("FAIL (round_mismatch):", failed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void RoundSample_VerifiesTheRecordedBundle()
    {
        using var output = new StringWriter();
        Assert.Equal(0, SdkSample.CheckBatches(VerifierFiles.Recorded("zk"), output));
        Assert.Contains("PASS: all 2 batch proofs of round recorded-2026-12-zk verify", output.ToString(), StringComparison.Ordinal);
    }

    private static string Dedent(string[] lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).TrimEnd('\n');
    }
}
