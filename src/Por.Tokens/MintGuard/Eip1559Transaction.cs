// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Crypto;
using Por.Crypto.Native;

namespace Por.Tokens.MintGuard;

/// <summary>
/// An EIP-1559 (type 2) transaction with an empty access list: 0x02 ‖ rlp([chainId, nonce, maxPriorityFeePerGas,
/// maxFeePerGas, gas, to, value, data, accessList, yParity, r, s]), signed over keccak256(0x02 ‖ rlp(first nine)).
/// </summary>
/// <param name="ChainId">The chain id (replay protection).</param>
/// <param name="Nonce">The sender's next nonce.</param>
/// <param name="MaxPriorityFeePerGas">The tip, in wei per gas.</param>
/// <param name="MaxFeePerGas">The fee cap, in wei per gas.</param>
/// <param name="GasLimit">The gas limit.</param>
/// <param name="To">The 20-byte recipient, or null to create a contract.</param>
/// <param name="Value">Wei sent.</param>
/// <param name="Data">Call data, or init code for a creation.</param>
internal sealed record Eip1559Transaction(
    BigInteger ChainId, BigInteger Nonce, BigInteger MaxPriorityFeePerGas, BigInteger MaxFeePerGas, BigInteger GasLimit, byte[]? To, BigInteger Value, byte[] Data)
{
    /// <summary>The digest the sender signs.</summary>
    public byte[] SigningHash() => Keccak256.Hash([0x02, .. Rlp.List(Fields())]);

    /// <summary>Signs with a secp256k1 secret key (RFC 6979, low-S) and returns the raw transaction for eth_sendRawTransaction.</summary>
    /// <param name="secretKey">32 bytes.</param>
    /// <returns>The raw transaction bytes; its keccak256 is the transaction hash.</returns>
    public byte[] Sign(ReadOnlySpan<byte> secretKey)
    {
        var (signature, recoveryId) = Secp256k1.SignRecoverable(SigningHash(), secretKey);
        var r = new BigInteger(signature.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        return [0x02, .. Rlp.List([.. Fields(), Rlp.Integer(recoveryId), Rlp.Integer(r), Rlp.Integer(s)])];
    }

    private byte[][] Fields()
    {
        if (To is { Length: not 20 })
        {
            throw new InvalidOperationException("a recipient has 20 bytes");
        }

        return
        [
            Rlp.Integer(ChainId), Rlp.Integer(Nonce), Rlp.Integer(MaxPriorityFeePerGas), Rlp.Integer(MaxFeePerGas), Rlp.Integer(GasLimit),
            Rlp.Bytes(To ?? []), Rlp.Integer(Value), Rlp.Bytes(Data), Rlp.List(),
        ];
    }
}
