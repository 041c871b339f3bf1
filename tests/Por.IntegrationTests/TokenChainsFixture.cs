// SPDX-License-Identifier: Apache-2.0

namespace Por.IntegrationTests;

/// <summary>Two anvil chains for token PoR tests: "home" (chain id 31337, the canonical chain) and "remote" (31338).</summary>
public sealed class TokenChainsFixture : IAsyncLifetime
{
    public AnvilNode Home { get; } = new() { ChainId = 31337 };

    public AnvilNode Remote { get; } = new() { ChainId = 31338 };

    public async ValueTask InitializeAsync()
    {
        await Home.InitializeAsync().ConfigureAwait(false);
        await Remote.InitializeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Home.DisposeAsync().ConfigureAwait(false);
        await Remote.DisposeAsync().ConfigureAwait(false);
    }
}
