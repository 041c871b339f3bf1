// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Registry;
using Por.Tokens.Reserves;

namespace Por.Tokens;

/// <summary>The reserve source readers por ships, by kind (docs/token-por.md "Reserve sources"): what <c>por token</c> commands use.</summary>
public static class StandardReserveReaders
{
    /// <summary>A dispatcher over every reserve source kind this build reads.</summary>
    /// <returns>The dispatcher.</returns>
    public static ReserveSourceReaders Create() => new([new TokenReserveReader()]);
}
