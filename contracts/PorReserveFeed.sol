// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title PorReserveFeed
/// @notice A proof-of-reserve feed with Chainlink's AggregatorV3Interface, written by one authorised updater (por's
/// ReserveFeedUpdater) from fresh, complete evidence. The answer is the total reserves in `decimals` base units;
/// `updatedAt` is the evidence's observation time (never later than the block that records it, and strictly
/// increasing). Round ids start at 1 and increase by one per update. Semantics: docs/token-por.md "Mint guard".
contract PorReserveFeed is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 updatedAt;
    }

    /// @notice The feed's version (AggregatorV3Interface).
    uint256 public constant override version = 1;

    /// @notice The answer's decimals, fixed at deployment.
    uint8 public immutable override decimals;

    string private _description;
    address public owner;
    address public updater;
    uint80 public latestRound;
    mapping(uint80 => Round) private _rounds;

    /// @notice Chainlink's event for a new answer.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    /// @notice Chainlink's event for a new round.
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);
    event UpdaterChanged(address indexed previousUpdater, address indexed newUpdater);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    error NotOwner(address caller);
    error NotUpdater(address caller);
    error ZeroAddress();
    error AnswerNotPositive(int256 answer);
    error UpdatedAtNotIncreasing(uint256 updatedAt, uint256 latestUpdatedAt);
    error UpdatedAtInFuture(uint256 updatedAt, uint256 blockTimestamp);
    error NoDataPresent();
    error RoundNotFound(uint80 roundId);

    /// @param decimals_ The answer's decimals.
    /// @param description_ What the feed measures (e.g. "WBTC-like reserves").
    /// @param updater_ The only address allowed to publish answers; the deployer becomes the owner.
    constructor(uint8 decimals_, string memory description_, address updater_) {
        if (updater_ == address(0)) revert ZeroAddress();
        decimals = decimals_;
        _description = description_;
        owner = msg.sender;
        updater = updater_;
        emit OwnershipTransferred(address(0), msg.sender);
        emit UpdaterChanged(address(0), updater_);
    }

    /// @notice Publishes a new round. Only the updater; the answer must be positive and `updatedAt` later than the
    /// previous round's and not later than this block.
    /// @param answer The total reserves, in `decimals` base units.
    /// @param updatedAt The evidence's observation time (Unix seconds).
    /// @return roundId The new round's id.
    function updateAnswer(int256 answer, uint256 updatedAt) external returns (uint80 roundId) {
        if (msg.sender != updater) revert NotUpdater(msg.sender);
        if (answer <= 0) revert AnswerNotPositive(answer);
        if (updatedAt > block.timestamp) revert UpdatedAtInFuture(updatedAt, block.timestamp);
        uint256 previous = _rounds[latestRound].updatedAt;
        if (updatedAt <= previous) revert UpdatedAtNotIncreasing(updatedAt, previous);
        roundId = latestRound + 1;
        latestRound = roundId;
        _rounds[roundId] = Round(answer, updatedAt);
        emit NewRound(roundId, msg.sender, updatedAt);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }

    /// @notice Replaces the updater. Only the owner.
    function setUpdater(address newUpdater) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (newUpdater == address(0)) revert ZeroAddress();
        emit UpdaterChanged(updater, newUpdater);
        updater = newUpdater;
    }

    /// @notice Hands the feed to a new owner. Only the owner.
    function transferOwnership(address newOwner) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        if (newOwner == address(0)) revert ZeroAddress();
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external view override returns (string memory) {
        return _description;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80 roundId)
        external
        view
        override
        returns (uint80 id, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        if (roundId == 0 || roundId > latestRound) revert RoundNotFound(roundId);
        Round storage round = _rounds[roundId];
        return (roundId, round.answer, round.updatedAt, round.updatedAt, roundId);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData()
        external
        view
        override
        returns (uint80 id, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        uint80 roundId = latestRound;
        if (roundId == 0) revert NoDataPresent();
        Round storage round = _rounds[roundId];
        return (roundId, round.answer, round.updatedAt, round.updatedAt, roundId);
    }
}
