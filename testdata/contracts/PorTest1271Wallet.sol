// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// EIP-1271 wallet: a signature is valid when it is the owner's 65-byte ECDSA signature of the hash.
contract PorTest1271Wallet {
    address public immutable owner;

    constructor(address owner_) payable {
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (signature.length != 65) {
            return 0xffffffff;
        }
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        address signer = ecrecover(hash, v, r, s);
        return signer != address(0) && signer == owner ? bytes4(0x1626ba7e) : bytes4(0xffffffff);
    }

    receive() external payable {}
}
