// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// Test-only AggregatorV3Interface feed whose answer, updatedAt and decimals anyone may set to anything (zero,
/// negative, the future), so tests can drive PorSecureMint through every branch. Never deploy outside tests.
contract PorTestReserveFeedMock {
    int256 private _answer;
    uint256 private _updatedAt;
    uint8 public decimals;
    uint80 private _round;

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    function set(int256 answer, uint256 updatedAt, uint8 decimals_) external {
        _answer = answer;
        _updatedAt = updatedAt;
        decimals = decimals_;
        _round += 1;
    }

    function description() external pure returns (string memory) {
        return "por test reserve feed mock";
    }

    function version() external pure returns (uint256) {
        return 0;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_round, _answer, _updatedAt, _updatedAt, _round);
    }

    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_round, _answer, _updatedAt, _updatedAt, _round);
    }
}
