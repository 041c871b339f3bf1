// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics.CodeAnalysis;

namespace Por.IntegrationTests;

/// <summary>
/// Tests that need an outside tool (anvil, PostgreSQL, Chromium) call <see cref="Missing(string)"/> when it is absent:
/// the test is skipped with that plain reason on a developer's machine, and fails when
/// <c>POR_REQUIRE_ALL_TOOLS=1</c> (set by .ci/run), so that CI can never pass by silently skipping.
/// </summary>
public static class RequiredTool
{
    /// <summary>The environment variable that turns a missing tool into a failure.</summary>
    public const string RequireAllVariable = "POR_REQUIRE_ALL_TOOLS";

    /// <summary>True when <c>POR_REQUIRE_ALL_TOOLS=1</c>.</summary>
    public static bool AllRequired =>
        string.Equals(Environment.GetEnvironmentVariable(RequireAllVariable), "1", StringComparison.Ordinal);

    /// <summary>Skips the current test (or fails it under <c>POR_REQUIRE_ALL_TOOLS=1</c>) because a tool is missing.</summary>
    /// <param name="reason">What is missing and how to get it.</param>
    [DoesNotReturn]
    public static void Missing(string reason) => Missing(reason, AllRequired);

    /// <summary>Skips the current test, or fails it when <paramref name="required"/>.</summary>
    /// <param name="reason">What is missing and how to get it.</param>
    /// <param name="required">Whether every tool must be present (CI).</param>
    [DoesNotReturn]
    public static void Missing(string reason, bool required)
    {
        if (FailureMessage(reason, required) is { } failure)
        {
            Assert.Fail(failure);
        }

        Assert.Skip(reason);
    }

    /// <summary>The failure message when every tool is required, else null (the test is skipped).</summary>
    /// <param name="reason">What is missing and how to get it.</param>
    /// <param name="required">Whether every tool must be present (CI).</param>
    /// <returns>The message, or null.</returns>
    public static string? FailureMessage(string reason, bool required) =>
        required ? $"{reason} ({RequireAllVariable}=1: a missing tool is a failure, not a skip)" : null;
}
