// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;
using Por.Stark.Field;

namespace Por.Stark.Air;

/// <summary>A boundary assertion on an auxiliary (extension-field) column.</summary>
/// <param name="Column">Auxiliary column index.</param>
/// <param name="Row">Row index (a real row).</param>
/// <param name="Value">The asserted value.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct AuxAssertion(int Column, int Row, GoldilocksExt3 Value);
