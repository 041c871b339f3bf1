// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// A deliberately unchecked AggregatorV3Interface-shaped mock for por's reserve-feed reader tests: the owner sets any
/// round (a zero or negative answer, updatedAt 0, answeredInRound below roundId) and any decimals, so that every
/// check of the reader can be shown to fail. Not a production feed (that is PorReserveFeed).
contract PorTestAggregatorV3 {
    address public immutable owner;
    uint8 public decimals;
    uint80 private _roundId;
    int256 private _answer;
    uint256 private _startedAt;
    uint256 private _updatedAt;
    uint80 private _answeredInRound;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    constructor(uint8 decimals_) {
        owner = msg.sender;
        decimals = decimals_;
    }

    function setDecimals(uint8 decimals_) external {
        require(msg.sender == owner, "only owner");
        decimals = decimals_;
    }

    /// Sets the latest round; updatedAt = 0 means "now" is not used: pass the exact value wanted.
    function setRound(uint80 roundId, int256 answer, uint256 updatedAt, uint80 answeredInRound) external {
        require(msg.sender == owner, "only owner");
        _roundId = roundId;
        _answer = answer;
        _startedAt = updatedAt;
        _updatedAt = updatedAt;
        _answeredInRound = answeredInRound;
        emit AnswerUpdated(answer, roundId, updatedAt);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_roundId, _answer, _startedAt, _updatedAt, _answeredInRound);
    }
}
