// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Proving;
using Por.Stark.Security;

namespace Por.Stark.Tests.Security;

public sealed class SecurityEstimatorTests
{
    // facebook/winterfell air/src/proof/security.rs tests (get_100_bits_security, unique_decoding_folding_factor_effect).
    [Theory]
    [InlineData(2, 4, 119, 20, 2, 127, 1 << 20, 100, 69)]
    [InlineData(2, 4, 150, 20, 2, 127, 1 << 20, -1, 69)]
    [InlineData(3, 4, 81, 20, 2, 127, 1 << 20, -1, 100)]
    [InlineData(2, 8, 123, 16, 2, 7, 1 << 8, 116, -1)]
    [InlineData(2, 8, 123, 16, 4, 7, 1 << 8, 115, -1)]
    public void Estimate_WinterfellVectors_Reproduced(int ext, int blowup, int queries, int grinding, int folding, int remainder, int n, int udr, int ldr)
    {
        SecurityLevel level = SecurityEstimator.Estimate(new EstimatorParameters(ext, blowup, queries, grinding, folding, remainder, n));
        if (udr >= 0)
        {
            Assert.Equal(udr, level.UniqueDecodingBits);
        }

        if (ldr >= 0)
        {
            Assert.Equal(ldr, level.JohnsonBoundBits);
        }
    }

    // ethereum/soundcalc (809896fb) table of pol-stark.md §12, n = 2^22: the unique-decoding column is reproduced
    // exactly; our Johnson-bound figure (2024/1553 Thm 2) is more conservative than soundcalc's BCHKS25-based one.
    [Theory]
    [InlineData(2, 8, 28, 16, 39, 57)]
    [InlineData(2, 4, 42, 16, 44, 56)]
    [InlineData(3, 8, 27, 20, 42, 60)]
    public void Estimate_SoundcalcTable_UdrExactJbrConservative(int ext, int blowup, int queries, int grinding, int udr, int soundcalcJbr)
    {
        SecurityLevel level = SecurityEstimator.Estimate(new EstimatorParameters(ext, blowup, queries, grinding, 8, 63, 1 << 22));
        Assert.Equal(udr, level.UniqueDecodingBits);
        Assert.InRange(level.JohnsonBoundBits, soundcalcJbr - 6, soundcalcJbr);
    }

    [Theory]
    [InlineData(1 << 8)]
    [InlineData(1 << 12)]
    [InlineData(1 << 16)]
    [InlineData(1 << 20)]
    public void Estimate_ProductionOptions_AtLeast103ProvenBits(int n)
    {
        SecurityLevel level = StarkOptions.Production.EstimateSecurity(n);
        Assert.True(level.JohnsonBoundBits >= 103, $"JBR {level.JohnsonBoundBits} at n = {n}");
    }

    // Pinned figures (docs/stark.md §7): the old 54-query set gave 100 (100.39 before flooring at n = 2^20, query
    // and commit terms balanced at m = 64); 56 queries give 103 (103.16 at m = 48); 85 queries hit the SHA-256 cap.
    [Theory]
    [InlineData(54, 20, 1 << 12, 100, 64)]
    [InlineData(54, 20, 1 << 20, 100, 64)]
    [InlineData(56, 20, 1 << 12, 103, 66)]
    [InlineData(56, 20, 1 << 20, 103, 66)]
    [InlineData(54, 23, 1 << 20, 103, 67)]
    [InlineData(85, 20, 1 << 12, 128, 90)]
    [InlineData(85, 20, 1 << 20, 128, 90)]
    [InlineData(84, 20, 1 << 20, 127, 89)]
    [InlineData(85, 20, 1 << 21, 127, 90)]
    public void Estimate_Blowup8Folding8_PinnedBits(int queries, int grinding, int n, int jbr, int udr)
    {
        SecurityLevel level = new StarkOptions(queries, 8, grinding, 8, 63).EstimateSecurity(n);
        Assert.Equal(jbr, level.JohnsonBoundBits);
        Assert.Equal(udr, level.UniqueDecodingBits);
    }

    [Theory]
    [InlineData(1 << 8)]
    [InlineData(1 << 12)]
    [InlineData(1 << 16)]
    [InlineData(1 << 20)]
    public void Estimate_Proven128Options_AtLeast128ProvenBitsUpTo2To20(int n)
    {
        SecurityLevel level = StarkOptions.Proven128.EstimateSecurity(n);
        Assert.Equal(128, level.JohnsonBoundBits);
        Assert.Equal(128, level.ProvenBits);
    }

    [Fact]
    public void Estimate_FewerQueries_BelowHundred()
    {
        SecurityLevel level = new StarkOptions(40, 8, 20, 8, 63).EstimateSecurity(1 << 20);
        Assert.True(level.ProvenBits < 100);
    }
}
