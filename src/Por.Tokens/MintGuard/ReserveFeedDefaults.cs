// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.MintGuard;

/// <summary>Defaults of reserve-feed updates (docs/token-por.md, "Mint guard").</summary>
public static class ReserveFeedDefaults
{
    /// <summary>The largest age of the evaluation a feed update publishes, unless told otherwise.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
}
