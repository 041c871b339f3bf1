// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Infrastructure;

namespace Por.Cli.Tests;

public sealed class MemorySizeTests
{
    [Theory]
    [InlineData("12GiB", 12L << 30)]
    [InlineData("1.5 TiB", 3L << 39)]
    [InlineData("8192MiB", 8L << 30)]
    [InlineData("1KiB", 1024)]
    [InlineData("1000000B", 1_000_000)]
    [InlineData(" 2GiB ", 2L << 30)]
    [InlineData("0.5KiB", 512)]
    public void TryParse_BinaryUnits(string text, long expected)
    {
        Assert.True(MemorySize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("12GB")]
    [InlineData("GiB")]
    [InlineData("-1GiB")]
    [InlineData("0GiB")]
    [InlineData("0.1B")]
    [InlineData("1e3MiB")]
    [InlineData("9999999999999999TiB")]
    [InlineData("99999999999999999999999999999TiB")]
    public void TryParse_RejectsWhatIsNotASize(string? text) => Assert.False(MemorySize.TryParse(text, out _));
}
