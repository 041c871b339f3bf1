// SPDX-License-Identifier: Apache-2.0

namespace Por.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Build_Works() => Assert.Equal(2, 1 + 1);
}
