// SPDX-License-Identifier: Apache-2.0

namespace Por.IntegrationTests;

public sealed class RequiredToolTests
{
    [Fact]
    public void Missing_Required_FailsWithTheReason()
    {
        var ex = Assert.ThrowsAny<Exception>(() => RequiredTool.Missing("anvil not found", required: true));
        Assert.IsType<Xunit.Sdk.FailException>(ex);
        Assert.Contains("anvil not found", ex.Message, StringComparison.Ordinal);
        Assert.Contains("POR_REQUIRE_ALL_TOOLS=1", ex.Message, StringComparison.Ordinal);
    }

    // Assert.Skip cannot be observed from inside a test (xunit marks the observing test skipped), so the decision is
    // checked here and the skip itself by running the anvil/PostgreSQL/Chromium tests without their tools.
    [Fact]
    public void FailureMessage_NotRequired_NullSoTheTestIsSkipped() =>
        Assert.Null(RequiredTool.FailureMessage("anvil not found", required: false));

    [Fact]
    public void AllRequired_ReadsTheCiVariable() =>
        Assert.Equal(
            string.Equals(Environment.GetEnvironmentVariable("POR_REQUIRE_ALL_TOOLS"), "1", StringComparison.Ordinal),
            RequiredTool.AllRequired);
}
