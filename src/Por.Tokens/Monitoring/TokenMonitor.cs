// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Numerics;
using Por.Reserves.Nodes;
using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>
/// The long-running token monitor (docs/token-por.md, "Monitor"): for each token, once per slot of the schedule, it
/// runs the evaluator (retrying node faults, recording an evidence-failed evaluation naming the fault when they persist),
/// reads <c>decimals()</c>/<c>owner()</c> of every deployment and feed, reads the mints since the last evaluation,
/// derives alerts (conditions deduped: raised once, cleared once; events once) and stores it all in one transaction
/// under the unique key (token, slot). A restarted monitor continues from the history: it never stores a slot twice,
/// records skipped slots as a <c>monitor_gap</c> alert, and reads the mint logs of the blocks it was down for.
/// </summary>
public sealed class TokenMonitor
{
    private readonly IReadOnlyList<MonitorTarget> _targets;
    private readonly ITokenHistory _history;
    private readonly MonitorOptions _options;
    private readonly MonitorState _state;
    private readonly IMonitorLog _log;
    private readonly TimeProvider _clock;
    private readonly Action _alertsStored;
    private readonly Dictionary<string, TokenProgress> _progress = new(StringComparer.Ordinal);

    /// <summary>Creates a monitor and reads each token's resume point from the history.</summary>
    /// <param name="targets">The tokens.</param>
    /// <param name="history">The history.</param>
    /// <param name="options">Schedule, rule and retries.</param>
    /// <param name="state">What the HTTP endpoints read.</param>
    /// <param name="log">Structured events.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="alertsStored">Called after a record with alerts is stored (wakes the webhook sender).</param>
    public TokenMonitor(IReadOnlyList<MonitorTarget> targets, ITokenHistory history, MonitorOptions options, MonitorState state, IMonitorLog log, TimeProvider clock, Action alertsStored)
    {
        _targets = targets ?? throw new ArgumentNullException(nameof(targets));
        _history = history ?? throw new ArgumentNullException(nameof(history));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _alertsStored = alertsStored ?? throw new ArgumentNullException(nameof(alertsStored));
        options.Rule.Validate();
        foreach (var target in targets)
        {
            Load(target.TokenId);
            if (_history.Latest(target.TokenId) is { } latest)
            {
                _state.Publish(target.TokenId, latest, counted: false);
            }
        }
    }

    /// <summary>Runs until cancelled; the current evaluation is abandoned (nothing of its slot is stored).</summary>
    /// <param name="cancellationToken">Stops the monitor.</param>
    /// <returns>A task that completes when the monitor has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var target in _targets)
                {
                    await RunOnceAsync(target, cancellationToken).ConfigureAwait(false);
                }

                await Task.Delay(_options.PollInterval, _clock, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Evaluates and stores the token's current slot if it has not been stored yet.</summary>
    /// <param name="target">The token.</param>
    /// <param name="cancellationToken">Cancellation (nothing is stored for a cancelled slot).</param>
    /// <returns>The slot stored, or null when there was nothing to do (slot already stored, or the schedule's chain is down).</returns>
    public async Task<MonitorSlot?> RunOnceAsync(MonitorTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var started = Stopwatch.GetTimestamp();
        var progress = _progress[target.TokenId];
        MonitorSlot slot;
        if (_options.Schedule.Kind == ScheduleKind.Blocks)
        {
            try
            {
                var (height, _, _) = await ChainWatch.FinalizedAsync(target.Canonical, cancellationToken).ConfigureAwait(false);
                slot = _options.Schedule.SlotAtHeight(height);
            }
            catch (NodeException e)
            {
                Fault(target.TokenId, $"schedule {target.Canonical.Name}", e.Message);
                return null;
            }
        }
        else
        {
            slot = _options.Schedule.SlotAtTime(_clock.GetUtcNow());
        }

        if (progress.LastSlot is { } last && last.Kind == slot.Kind && slot.Start <= last.Start)
        {
            return null;
        }

        var at = _clock.GetUtcNow();
        var events = new List<TokenAlert>();
        if (progress.LastSlot is { } previous && _options.Schedule.Skipped(previous, slot) is var skipped && skipped > 0)
        {
            events.Add(new TokenAlert(target.TokenId, slot.Key, AlertKind.MonitorGap, AlertState.Event, "schedule",
                $"{skipped} slot(s) of {_options.Schedule} between {previous.Key} and {slot.Key} were not evaluated (the monitor was down or behind); mint logs of those blocks are read in this slot", at));
        }

        var (evaluation, detail) = await EvaluateAsync(target, cancellationToken).ConfigureAwait(false);
        var conditions = new List<AlertCondition>(AlertRules.Conditions(evaluation));
        if (detail is not null)
        {
            conditions.RemoveAll(c => string.Equals(c.Subject, AlertRules.EvaluationSubject, StringComparison.Ordinal));
            conditions.Add(new AlertCondition(AlertKind.EvidenceFailed, AlertRules.EvaluationSubject, "the evaluation failed after retries: " + detail));
        }

        var observations = new List<ContractObservation>();
        var mints = new List<MintEvent>();
        var scans = new List<MintScan>();
        var finalized = await WatchAsync(target, slot, at, progress, observations, events, conditions, cancellationToken).ConfigureAwait(false);
        await ScanMintsAsync(target, slot, at, progress, finalized, mints, scans, events, conditions, cancellationToken).ConfigureAwait(false);

        var alerts = events.Concat(AlertRules.Transitions(target.TokenId, slot.Key, at, progress.Conditions, conditions)).ToList();
        var record = new MonitorRecord(slot, evaluation, detail, observations, mints, scans, alerts, conditions, _options.Deliver);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_history.Record(target.TokenId, record))
        {
            _log.Duplicate(target.TokenId, slot);
            Load(target.TokenId);
            return null;
        }

        progress.LastSlot = slot;
        progress.Conditions = conditions;
        foreach (var o in observations)
        {
            progress.Observations[o.Key] = o.Value;
        }

        foreach (var s in scans)
        {
            progress.Scans[ScanKey(s.Chain, s.Contract)] = s.ScannedTo;
        }

        _state.Publish(target.TokenId, new StoredEvaluation(slot, evaluation, detail), counted: true);
        _state.CountEvidenceFaults(evaluation);
        _log.Evaluated(target.TokenId, slot, evaluation, Stopwatch.GetElapsedTime(started));
        foreach (var alert in alerts)
        {
            _state.CountAlert(alert);
            _log.Alert(alert);
        }

        if (alerts.Count > 0 && _options.Deliver)
        {
            _alertsStored();
        }

        return slot;
    }

    /// <summary>An evaluation of nothing, for a slot whose evaluator failed after retries: status evidence_failed.</summary>
    /// <param name="target">The token.</param>
    /// <param name="at">The time.</param>
    /// <returns>The evaluation.</returns>
    public static TokenEvaluation Failed(MonitorTarget target, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new TokenEvaluation(target.TokenId, target.Decimals, at, [], [], BigInteger.Zero, BigInteger.Zero, 0, TokenStatus.EvidenceFailed);
    }

    private async Task<Dictionary<string, (long Height, string Hash)>> WatchAsync(
        MonitorTarget target, MonitorSlot slot, DateTimeOffset at, TokenProgress progress, List<ContractObservation> observations, List<TokenAlert> events, List<AlertCondition> conditions, CancellationToken cancellationToken)
    {
        var finalized = new Dictionary<string, (long Height, string Hash)>(StringComparer.Ordinal);
        var watched = target.Deployments.Select(d => (d.Chain, d.Contract)).Concat(target.Feeds.Select(f => (f.Chain, Contract: f.Address)));
        foreach (var group in watched.GroupBy(w => w.Chain.Name, StringComparer.Ordinal))
        {
            var chain = group.First().Chain;
            try
            {
                var (height, hash, _) = await ChainWatch.FinalizedAsync(chain, cancellationToken).ConfigureAwait(false);
                finalized[chain.Name] = (height, hash);
                foreach (var (_, contract) in group.DistinctBy(g => g.Contract.ToLowerInvariant(), StringComparer.Ordinal))
                {
                    observations.AddRange(await ChainWatch.ObserveAsync(chain, contract, hash, cancellationToken).ConfigureAwait(false));
                }
            }
            catch (NodeException e)
            {
                Fault(target.TokenId, $"watch {chain.Name}", e.Message);
                conditions.Add(new AlertCondition(AlertKind.EvidenceFailed, $"watch {chain.Name}", $"decimals()/owner() on {chain.Name} could not be read: {e.Message}"));
            }
        }

        foreach (var o in observations)
        {
            if (progress.Observations.TryGetValue(o.Key, out var before) && !string.Equals(before, o.Value, StringComparison.Ordinal))
            {
                var kind = string.Equals(o.Property, "decimals", StringComparison.Ordinal) ? AlertKind.DecimalsChanged : AlertKind.OwnerChanged;
                events.Add(new TokenAlert(target.TokenId, slot.Key, kind, AlertState.Event, o.Key, $"{o.Key} changed from {before} to {o.Value}", at));
            }
        }

        return finalized;
    }

    private async Task ScanMintsAsync(
        MonitorTarget target, MonitorSlot slot, DateTimeOffset at, TokenProgress progress, Dictionary<string, (long Height, string Hash)> finalized,
        List<MintEvent> mints, List<MintScan> scans, List<TokenAlert> events, List<AlertCondition> conditions, CancellationToken cancellationToken)
    {
        foreach (var deployment in target.Deployments)
        {
            var key = ScanKey(deployment.Chain.Name, deployment.Contract);
            if (!finalized.TryGetValue(deployment.Chain.Name, out var block))
            {
                continue; // the chain's fault is already a condition; the scan resumes from where it stopped.
            }

            var first = !progress.Scans.TryGetValue(key, out var scannedTo);
            var from = first ? Math.Max(0, block.Height - _options.MintBackfillBlocks + 1) : scannedTo + 1;
            if (from > block.Height)
            {
                scans.Add(new MintScan(deployment.Chain.Name, deployment.Contract.ToLowerInvariant(), first ? block.Height : scannedTo));
                continue;
            }

            try
            {
                var found = await ChainWatch.MintsAsync(deployment, target.Decimals, from, block.Height, cancellationToken).ConfigureAwait(false);
                foreach (var mint in found)
                {
                    if (!first)
                    {
                        var window = _history.MintAmounts(target.TokenId, mint.BlockTime - _options.Rule.Window, mint.BlockTime).ToList();
                        window.AddRange(mints.Where(m => m.BlockTime >= mint.BlockTime - _options.Rule.Window && m.BlockTime <= mint.BlockTime).Select(m => m.Amount));
                        var verdict = _options.Rule.Judge(mint.Amount, window);
                        if (verdict.Unusual)
                        {
                            events.Add(new TokenAlert(target.TokenId, slot.Key, AlertKind.UnusualMint, AlertState.Event,
                                $"{mint.Chain}/{mint.Contract} {mint.TransactionHash}#{mint.LogIndex}",
                                $"mint of {mint.Amount} base units at block {mint.Height} on {mint.Chain}: {verdict.Reason}", at));
                        }
                    }

                    mints.Add(mint);
                }

                scans.Add(new MintScan(deployment.Chain.Name, deployment.Contract.ToLowerInvariant(), block.Height));
            }
            catch (NodeException e)
            {
                Fault(target.TokenId, $"mints {key}", e.Message);
                conditions.Add(new AlertCondition(AlertKind.EvidenceFailed, $"mints {key}", $"mint logs of {key} could not be read (they are read again next slot): {e.Message}"));
            }
        }
    }

    private static string ScanKey(string chain, string contract) => $"{chain}/{contract.ToLowerInvariant()}";

    private static bool IsNodeFault(Exception e) => e is NodeException or HttpRequestException or IOException or TimeoutException;

    private async Task<(TokenEvaluation Evaluation, string? Detail)> EvaluateAsync(MonitorTarget target, CancellationToken cancellationToken)
    {
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var evaluation = await target.Evaluate(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(evaluation.TokenId, target.TokenId, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"the evaluator returned token {evaluation.TokenId} for {target.TokenId}");
                }

                return (evaluation, null);
            }
            catch (Exception e) when (IsNodeFault(e) && !cancellationToken.IsCancellationRequested)
            {
                Fault(target.TokenId, AlertRules.EvaluationSubject, e.Message);
                if (attempt >= _options.EvaluationAttempts)
                {
                    return (Failed(target, _clock.GetUtcNow()), $"{e.Message} ({attempt} attempt(s))");
                }

                await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    private void Fault(string tokenId, string source, string message)
    {
        _state.CountNodeFault(tokenId, source);
        _log.NodeFault(tokenId, source, message);
    }

    private void Load(string tokenId)
    {
        var resume = _history.ReadResumePoint(tokenId);
        _progress[tokenId] = new TokenProgress
        {
            LastSlot = resume.LastSlot,
            Conditions = resume.Conditions,
            Observations = resume.Observations.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal),
            Scans = resume.Scans.ToDictionary(s => ScanKey(s.Chain, s.Contract), s => s.ScannedTo, StringComparer.Ordinal),
        };
        _log.Resumed(tokenId, resume);
    }

    private sealed class TokenProgress
    {
        public MonitorSlot? LastSlot { get; set; }

        public IReadOnlyList<AlertCondition> Conditions { get; set; } = [];

        public Dictionary<string, string> Observations { get; init; } = new(StringComparer.Ordinal);

        public Dictionary<string, long> Scans { get; init; } = new(StringComparer.Ordinal);
    }
}
