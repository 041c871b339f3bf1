// SPDX-License-Identifier: Apache-2.0

namespace Por.Stark.Testing.Security;

/// <summary>Bits per component and their minimum.</summary>
/// <param name="Components">Bits by soundcalc's component name.</param>
/// <param name="Total">The minimum.</param>
public sealed record SoundcalcLevels(IReadOnlyDictionary<string, int> Components, int Total);
