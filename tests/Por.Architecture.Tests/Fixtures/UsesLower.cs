// SPDX-License-Identifier: Apache-2.0

namespace Por.Architecture.Tests.Fixtures.Upper;

/// <summary>Half of a deliberate namespace cycle (with <see cref="Lower.UsesUpper"/>): the checker must report it.</summary>
internal static class UsesLower
{
    public static int Value() => Lower.UsesUpper.Constant() + 1;
}
