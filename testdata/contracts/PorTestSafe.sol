// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// Exposes the two Safe views por reads at the snapshot block: getOwners() and getThreshold(). The first owner can
/// change the threshold and replace owners, so tests can change both after a snapshot.
contract PorTestSafe {
    address[] private owners;
    uint256 private threshold;

    constructor(address[] memory owners_, uint256 threshold_) payable {
        owners = owners_;
        threshold = threshold_;
    }

    function getOwners() external view returns (address[] memory) {
        return owners;
    }

    function getThreshold() external view returns (uint256) {
        return threshold;
    }

    function setThreshold(uint256 threshold_) external {
        require(msg.sender == owners[0], "only first owner");
        threshold = threshold_;
    }

    function setOwner(uint256 index, address owner_) external {
        require(msg.sender == owners[0], "only first owner");
        owners[index] = owner_;
    }

    receive() external payable {}
}
