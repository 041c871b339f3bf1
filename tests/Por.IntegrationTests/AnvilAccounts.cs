// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Crypto.Native;
using Por.Reserves.Evm;

namespace Por.IntegrationTests;

/// <summary>anvil's development accounts: their keys, addresses and personal_sign (EIP-191) signatures.</summary>
internal static class AnvilAccounts
{
    // anvil's well-known development keys (mnemonic "test test … junk"), accounts 0..4.
    private static readonly string[] s_keys =
    [
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
        "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
    ];

    /// <summary>The checksummed address of dev account <paramref name="account"/>.</summary>
    public static string Address(int account) =>
        EvmAddress.ToChecksum(EvmAddress.FromPublicKey(Secp256k1.CreatePublicKey(Convert.FromHexString(s_keys[account]), compressed: false)));

    /// <summary>personal_sign of <paramref name="message"/> (UTF-8) by dev account <paramref name="account"/>: 0x r‖s‖v, v = 27 + recid.</summary>
    public static string SignPersonal(string message, int account)
    {
        var digest = EvmSignature.PersonalMessageHash(Encoding.UTF8.GetBytes(message));
        var (sig, recid) = Secp256k1.SignRecoverable(digest, Convert.FromHexString(s_keys[account]));
        return "0x" + Convert.ToHexStringLower([.. sig, (byte)(27 + recid)]);
    }
}
