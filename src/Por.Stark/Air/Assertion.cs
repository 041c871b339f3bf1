// SPDX-License-Identifier: Apache-2.0

using System.Runtime.InteropServices;
using Por.Stark.Field;

namespace Por.Stark.Air;

/// <summary>A boundary assertion on the main trace: column <see cref="Column"/> equals <see cref="Value"/> at <see cref="Row"/>.</summary>
/// <param name="Column">Main column index.</param>
/// <param name="Row">Row index (a real row, below the random tail).</param>
/// <param name="Value">The asserted value.</param>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Assertion(int Column, int Row, Goldilocks Value);
