// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>
/// What the monitor shares with its HTTP endpoints (metrics, health, mint-check): the latest stored evaluation per
/// token and counters since the process started. Thread-safe.
/// </summary>
public sealed class MonitorState
{
    private readonly ConcurrentDictionary<string, StoredEvaluation> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Token, string Status), long> _evaluations = new();
    private readonly ConcurrentDictionary<(string Token, string Kind), long> _alerts = new();
    private readonly ConcurrentDictionary<(string Token, string Source), long> _faults = new();
    private long _webhookFailures;
    private long _webhookDeliveries;

    /// <summary>The latest stored evaluation of each token.</summary>
    public IReadOnlyDictionary<string, StoredEvaluation> Latest => _latest;

    /// <summary>Evaluations stored since start, by token and status code.</summary>
    public IReadOnlyDictionary<(string Token, string Status), long> Evaluations => _evaluations;

    /// <summary>Alerts stored since start, by token and kind code.</summary>
    public IReadOnlyDictionary<(string Token, string Kind), long> Alerts => _alerts;

    /// <summary>Node faults since start, by token and source.</summary>
    public IReadOnlyDictionary<(string Token, string Source), long> NodeFaults => _faults;

    /// <summary>Webhook delivery attempts that failed.</summary>
    public long WebhookFailures => Interlocked.Read(ref _webhookFailures);

    /// <summary>Webhook deliveries that succeeded.</summary>
    public long WebhookDeliveries => Interlocked.Read(ref _webhookDeliveries);

    /// <summary>Publishes a stored evaluation (at start from the history, then after each store).</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="stored">The evaluation.</param>
    /// <param name="counted">Whether to count it as an evaluation of this process.</param>
    public void Publish(string tokenId, StoredEvaluation stored, bool counted)
    {
        ArgumentNullException.ThrowIfNull(stored);
        _latest[tokenId] = stored;
        if (counted)
        {
            _evaluations.AddOrUpdate((tokenId, AlertRules.Code(stored.Evaluation.Status)), 1, (_, n) => n + 1);
        }
    }

    /// <summary>Counts an alert.</summary>
    /// <param name="alert">The alert.</param>
    public void CountAlert(TokenAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _alerts.AddOrUpdate((alert.TokenId, AlertRules.Code(alert.Kind)), 1, (_, n) => n + 1);
    }

    /// <summary>Counts a node fault.</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="source">The source.</param>
    public void CountNodeFault(string tokenId, string source) => _faults.AddOrUpdate((tokenId, source), 1, (_, n) => n + 1);

    /// <summary>Counts a webhook attempt.</summary>
    /// <param name="delivered">Whether it succeeded.</param>
    public void CountWebhook(bool delivered)
    {
        if (delivered)
        {
            Interlocked.Increment(ref _webhookDeliveries);
        }
        else
        {
            Interlocked.Increment(ref _webhookFailures);
        }
    }

    /// <summary>Counts the node faults an evaluation reports in its evidence.</summary>
    /// <param name="evaluation">The evaluation.</param>
    public void CountEvidenceFaults(TokenEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        foreach (var s in evaluation.Supply.Where(s => s.Failure is EvidenceFailure.NodeFault or EvidenceFailure.Incomplete))
        {
            CountNodeFault(evaluation.TokenId, $"supply {s.Chain}/{s.Contract}");
        }

        foreach (var r in evaluation.Reserves.Where(r => r.Failure is EvidenceFailure.NodeFault or EvidenceFailure.Incomplete))
        {
            CountNodeFault(evaluation.TokenId, $"reserve {r.SourceId}");
        }
    }
}
