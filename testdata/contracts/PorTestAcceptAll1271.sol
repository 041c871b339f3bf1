// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// A cheating EIP-1271 wallet: isValidSignature returns the magic value for any hash and any signature (even empty),
/// so "the wallet accepted the signature" proves nothing. The verifier must detect and reject it.
contract PorTestAcceptAll1271 {
    function isValidSignature(bytes32, bytes calldata) external pure returns (bytes4) {
        return 0x1626ba7e;
    }

    receive() external payable {}
}
