// SPDX-License-Identifier: Apache-2.0

namespace Por.Crypto.Native;

/// <summary>
/// Test seam: makes libsecp256k1 and libsodium look absent in the current asynchronous flow only (tests run in
/// parallel in one process), so that tests can check how every command reports a missing library without
/// uninstalling it. The wrappers consult it before their cached load; production code never sets it.
/// </summary>
internal static class NativeLibraryGate
{
    private static readonly AsyncLocal<bool> s_simulateMissing = new();

    /// <summary>True while a test simulates missing libraries in this flow.</summary>
    public static bool SimulatingMissing => s_simulateMissing.Value;

    /// <summary>Simulates missing native libraries until the returned scope is disposed.</summary>
    /// <returns>The scope.</returns>
    public static IDisposable SimulateMissing()
    {
        s_simulateMissing.Value = true;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => s_simulateMissing.Value = false;
    }
}
