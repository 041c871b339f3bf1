// SPDX-License-Identifier: Apache-2.0

namespace Por.IntegrationTests;

/// <summary>A <c>por demo</c> with all 24 listed assets (2,000 accounts): the report's many-asset layout (24 ratio
/// bars, 24 history panels, 23 flagged changes, SOL at 0%).</summary>
public sealed class ManyAssetsDemoOutput : DemoOutput
{
    public ManyAssetsDemoOutput()
        : base(2_000, 24)
    {
    }
}
