// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>One alert, as stored in the history, logged and posted to the webhook.</summary>
/// <param name="TokenId">The token.</param>
/// <param name="Slot">The slot of the evaluation that raised it.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="State">Raised, cleared or event.</param>
/// <param name="Subject">What the condition is about: <c>ratio</c>, <c>reserve SOURCE</c>, <c>supply CHAIN/CONTRACT</c>, <c>CHAIN/CONTRACT decimals</c>, a transaction, …; (kind, subject) identifies an ongoing condition.</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="At">When it was raised (the evaluation time).</param>
public sealed record TokenAlert(string TokenId, string Slot, AlertKind Kind, AlertState State, string Subject, string Message, DateTimeOffset At);
