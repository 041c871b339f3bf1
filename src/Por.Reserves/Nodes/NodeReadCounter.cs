// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reserves.Nodes;

/// <summary>Counts the calls of every <see cref="ProgressReportingChainReader"/> of one verification into one
/// "node reads" stage: each call is reported when it starts (with its detail) and when it ends.</summary>
internal sealed class NodeReadCounter(IProgress<WorkProgress> progress)
{
    /// <summary>The stage text of node calls.</summary>
    public const string Stage = "node reads";

    private readonly Lock _lock = new();
    private long _done;

    public async Task<T> CallAsync<T>(string detail, Func<Task<T>> call)
    {
        lock (_lock)
        {
            progress.Report(new WorkProgress(Stage, _done, 0, detail));
        }

        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _done++;
                progress.Report(new WorkProgress(Stage, _done, 0, detail));
            }
        }
    }
}
