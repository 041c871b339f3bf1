// SPDX-License-Identifier: Apache-2.0

namespace Por.Common.Tests;

public sealed class SnakeCaseTests
{
    public enum Sample
    {
        None,
        RootMismatch,
        SignatureInvalidForChain,
    }

    [Theory]
    [InlineData(Sample.None, "none")]
    [InlineData(Sample.RootMismatch, "root_mismatch")]
    [InlineData(Sample.SignatureInvalidForChain, "signature_invalid_for_chain")]
    public void Of_WritesTheMemberInSnakeCase(Sample value, string expected) => Assert.Equal(expected, SnakeCase.Of(value));

    [Fact]
    public void Of_LeavesLowerCaseAlone() => Assert.Equal("already_snake", SnakeCase.Of("already_snake"));
}
