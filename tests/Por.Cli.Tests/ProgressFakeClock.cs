// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Tests;

/// <summary>A clock that moves only when told to.</summary>
internal sealed class ProgressFakeClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
