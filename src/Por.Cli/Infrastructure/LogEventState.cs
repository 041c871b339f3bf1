// SPDX-License-Identifier: Apache-2.0

using System.Collections;

namespace Por.Cli.Infrastructure;

/// <summary>The fields of one log event, written by the JSON formatter as the event's <c>State</c> object (snake_case
/// keys; numbers stay numbers, a missing value is null); <see cref="ToString"/> is the event's message.</summary>
internal sealed class LogEventState(string message, IReadOnlyList<KeyValuePair<string, object?>> fields) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <inheritdoc/>
    public int Count => fields.Count;

    /// <inheritdoc/>
    public KeyValuePair<string, object?> this[int index] => fields[index];

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => fields.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => message;
}
