// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title AggregatorV3Interface
/// @notice Chainlink's feed interface (the subset every consumer uses), declared here so the contracts need no package.
interface AggregatorV3Interface {
    function decimals() external view returns (uint8);

    function description() external view returns (string memory);

    function version() external view returns (uint256);

    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80 id, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    function latestRoundData()
        external
        view
        returns (uint80 id, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}
