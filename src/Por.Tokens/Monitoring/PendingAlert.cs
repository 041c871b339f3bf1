// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>A stored alert not yet delivered to the webhook (the outbox).</summary>
/// <param name="Sequence">Its position among the slot's alerts.</param>
/// <param name="Alert">The alert.</param>
public sealed record PendingAlert(int Sequence, TokenAlert Alert);
