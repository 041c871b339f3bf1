// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reserves.Tests.Nodes;

/// <summary>Records progress synchronously, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
internal sealed class ProgressRecorder : IProgress<WorkProgress>
{
    private readonly Lock _lock = new();

    public List<WorkProgress> Updates { get; } = [];

    public void Report(WorkProgress value)
    {
        lock (_lock)
        {
            Updates.Add(value);
        }
    }
}
