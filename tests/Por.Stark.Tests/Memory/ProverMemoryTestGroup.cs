// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Tests.Memory;

/// <summary>
/// The array pool and its retention scopes are process-wide: the tests that observe them run alone, with no other
/// test's proof (and scope) beside them.
/// </summary>
[CollectionDefinition(nameof(ProverMemoryTestGroup), DisableParallelization = true)]
public sealed class ProverMemoryTestGroup;
