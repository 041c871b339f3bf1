// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>One token the monitor evaluates.</summary>
/// <param name="TokenId">The token's id in the supply registry.</param>
/// <param name="Decimals">The canonical decimals.</param>
/// <param name="Canonical">The canonical chain, whose finalized height drives a blocks schedule.</param>
/// <param name="Deployments">Every deployment (watched for decimals, owner and mints).</param>
/// <param name="Feeds">Every feed among the reserve sources (watched for decimals and owner).</param>
/// <param name="Evaluate">Runs one evaluation (the token evaluator).</param>
public sealed record MonitorTarget(
    string TokenId,
    int Decimals,
    MonitorChain Canonical,
    IReadOnlyList<MonitorDeployment> Deployments,
    IReadOnlyList<MonitorFeed> Feeds,
    Func<CancellationToken, Task<TokenEvaluation>> Evaluate);
