// SPDX-License-Identifier: Apache-2.0

namespace Por.Architecture.Tests.Fixtures.Lower;

/// <summary>The other half of the deliberate namespace cycle.</summary>
internal static class UsesUpper
{
    public static int Constant() => 1;

    public static int Back() => Upper.UsesLower.Value();
}
