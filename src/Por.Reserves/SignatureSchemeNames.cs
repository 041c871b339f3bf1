// SPDX-License-Identifier: Apache-2.0

namespace Por.Reserves;

/// <summary>The declaration-file names of <see cref="SignatureScheme"/> values.</summary>
public static class SignatureSchemeNames
{
    private static readonly Dictionary<string, SignatureScheme> s_byName = new(StringComparer.Ordinal)
    {
        ["bip137"] = SignatureScheme.Bip137,
        ["bip322"] = SignatureScheme.Bip322,
        ["btc-multisig"] = SignatureScheme.BitcoinMultisig,
        ["eip191-text"] = SignatureScheme.Eip191Text,
        ["eip191-hash32"] = SignatureScheme.Eip191Hash32,
        ["eip712"] = SignatureScheme.Eip712,
        ["eip1271"] = SignatureScheme.Eip1271,
        ["safe-owners"] = SignatureScheme.SafeOwners,
        ["tron-v1"] = SignatureScheme.TronV1,
        ["tron-v2"] = SignatureScheme.TronV2,
        ["sol-raw"] = SignatureScheme.SolanaRaw,
        ["sol-offchain-v0"] = SignatureScheme.SolanaOffchainV0,
        ["sol-offchain-v1"] = SignatureScheme.SolanaOffchainV1,
        ["sol-okx"] = SignatureScheme.SolanaOkx,
    };

    /// <summary>Looks up a scheme by its file name.</summary>
    /// <param name="name">e.g. "bip322".</param>
    /// <param name="scheme">The scheme.</param>
    /// <returns>True when known.</returns>
    public static bool TryParse(string name, out SignatureScheme scheme) => s_byName.TryGetValue(name, out scheme);

    /// <summary>The file name of a scheme, including "unsupported" for imported rows.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <returns>The name.</returns>
    public static string Describe(SignatureScheme scheme) => scheme == SignatureScheme.Unsupported ? "unsupported" : ToName(scheme);

    /// <summary>The file name of a scheme.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <returns>e.g. "bip322".</returns>
    public static string ToName(SignatureScheme scheme) => s_byName.First(p => p.Value == scheme).Key;

    /// <summary>All names, for error messages and docs.</summary>
    public static IReadOnlyCollection<string> All => s_byName.Keys;
}
