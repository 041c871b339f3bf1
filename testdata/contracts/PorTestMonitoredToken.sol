// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// ERC-20 for the token monitor's integration tests: its owner mints, and can change decimals() and hand over owner()
/// (the changes the monitor must alert on).
contract PorTestMonitoredToken {
    uint8 public decimals;
    uint256 public totalSupply;
    address public owner;
    mapping(address => uint256) public balanceOf;

    event Transfer(address indexed from, address indexed to, uint256 value);

    constructor(uint8 initialDecimals) {
        owner = msg.sender;
        decimals = initialDecimals;
    }

    function mint(address to, uint256 value) external {
        require(msg.sender == owner, "only owner");
        totalSupply += value;
        balanceOf[to] += value;
        emit Transfer(address(0), to, value);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        balanceOf[msg.sender] -= value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }

    function setDecimals(uint8 value) external {
        require(msg.sender == owner, "only owner");
        decimals = value;
    }

    function transferOwnership(address next) external {
        require(msg.sender == owner, "only owner");
        owner = next;
    }
}
