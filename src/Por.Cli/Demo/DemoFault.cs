// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>A fault injected into <c>por demo</c> by tests (never from the command line), to show that the summary
/// claims only what verified.</summary>
internal enum DemoFault
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>The demo node serves half of the first non-staged token wallet's balance: that row must fail.</summary>
    NodeUnderreports,

    /// <summary>The attestation is signed with a key other than the published auditor key: it must not verify.</summary>
    AttestationWrongKey,
}
