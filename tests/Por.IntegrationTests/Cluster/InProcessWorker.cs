// SPDX-License-Identifier: Apache-2.0

using Por.Cluster;

namespace Por.IntegrationTests.Cluster;

/// <summary>
/// A <see cref="ClusterWorker"/> on its own thread for one test, its log kept in memory. Disposing stops it and waits,
/// bounded, for it to leave, so that a test's database is never dropped under a running worker.
/// </summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(2);
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _text;
    private readonly Task _task;

    public InProcessWorker(WorkerOptions options, IUnitProver prover, TextWriter? sharedLog = null)
    {
        _text = new StringWriter();
        Log = sharedLog ?? TextWriter.Synchronized(_text);
        TextWriter log = Log;
        _task = Task.Factory.StartNew(() => ClusterWorker.Run(options, prover, log, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Where the worker writes (the shared log, if one was given).</summary>
    public TextWriter Log { get; }

    /// <summary>What the worker has written so far (empty when it writes to a shared log).</summary>
    public string Text
    {
        get
        {
            lock (Log)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>Stops the worker (a batch in hand goes back to the queue) and waits for it to leave.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _task.WaitAsync(s_limit, TestContext.Current.CancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
