// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title PorSecureMint
/// @notice Chainlink Secure Mint semantics as a base contract: a token applies `secureMint(amount)` to its mint
/// function, which then reverts unless amount + totalSupply fits the reserves read from a proof-of-reserve feed,
/// after the margin. In order (por's MintRule is the same rule off chain; docs/token-por.md "Mint guard"):
///   1. answer <= 0                                   -> ReserveAnswerNotPositive
///   2. updatedAt > block.timestamp                   -> ReserveFeedFromFuture
///   3. maxStaleness > 0 and now - updatedAt > it     -> ReserveFeedStale
///   4. answer scaled from feed.decimals() to the token's decimals (down: rounded down; up: exact);
///      not representable in uint256                  -> ReservesOutOfRange
///   5. amount + totalSupply > mintable(reserves)     -> MintExceedsReserves
/// mintable: None r; PositiveBasisPoints floor(r*(10000-m)/10000); PositiveAbsolute max(r-m,0);
/// NegativeBasisPoints floor(r*(10000+m)/10000); NegativeAbsolute r+m (capped at 2^256-1). No step can overflow.
abstract contract PorSecureMint {
    enum MarginMode {
        None,
        PositiveBasisPoints,
        PositiveAbsolute,
        NegativeBasisPoints,
        NegativeAbsolute
    }

    uint256 private constant BASIS_POINTS = 10_000;

    /// @notice The reserve feed read before every mint.
    AggregatorV3Interface public immutable reserveFeed;
    /// @notice How the margin applies.
    MarginMode public immutable marginMode;
    /// @notice Basis points (0..10000) for the basis-point modes, token base units (> 0) for the absolute modes, 0 for None.
    uint256 public immutable marginAmount;
    /// @notice The largest accepted block.timestamp - updatedAt, in seconds; 0 turns the check off.
    uint256 public immutable maxStaleness;

    error InvalidReserveFeed();
    error InvalidMargin(MarginMode mode, uint256 amount);
    error ReserveAnswerNotPositive(int256 answer);
    error ReserveFeedFromFuture(uint256 updatedAt, uint256 blockTimestamp);
    error ReserveFeedStale(uint256 updatedAt, uint256 blockTimestamp, uint256 maxStaleness);
    error ReservesOutOfRange(int256 answer, uint8 feedDecimals, uint8 tokenDecimals);
    error MintExceedsReserves(uint256 amount, uint256 totalSupply, uint256 mintable);

    event SecureMintConfigured(address indexed reserveFeed, MarginMode marginMode, uint256 marginAmount, uint256 maxStaleness);

    constructor(AggregatorV3Interface feed, MarginMode mode, uint256 margin, uint256 maxStaleness_) {
        if (address(feed) == address(0)) revert InvalidReserveFeed();
        if (mode == MarginMode.None) {
            if (margin != 0) revert InvalidMargin(mode, margin);
        } else if (mode == MarginMode.PositiveBasisPoints || mode == MarginMode.NegativeBasisPoints) {
            if (margin > BASIS_POINTS) revert InvalidMargin(mode, margin);
        } else if (margin == 0) {
            revert InvalidMargin(mode, margin);
        }
        reserveFeed = feed;
        marginMode = mode;
        marginAmount = margin;
        maxStaleness = maxStaleness_;
        emit SecureMintConfigured(address(feed), mode, margin, maxStaleness_);
    }

    /// @notice Reverts unless minting `amount` keeps the supply within the reserves after the margin.
    modifier secureMint(uint256 amount) {
        _checkMint(amount);
        _;
    }

    /// @notice The token's total supply before the mint.
    function _secureMintSupply() internal view virtual returns (uint256);

    /// @notice The token's decimals.
    function _secureMintDecimals() internal view virtual returns (uint8);

    /// @notice Applies the rule; returns the mintable reserves when the mint is allowed.
    function _checkMint(uint256 amount) internal view returns (uint256 mintable) {
        (, int256 answer,, uint256 updatedAt,) = reserveFeed.latestRoundData();
        if (answer <= 0) revert ReserveAnswerNotPositive(answer);
        if (updatedAt > block.timestamp) revert ReserveFeedFromFuture(updatedAt, block.timestamp);
        if (maxStaleness != 0 && block.timestamp - updatedAt > maxStaleness) {
            revert ReserveFeedStale(updatedAt, block.timestamp, maxStaleness);
        }
        uint8 feedDecimals = reserveFeed.decimals();
        uint8 tokenDecimals = _secureMintDecimals();
        mintable = _mintable(_scale(answer, feedDecimals, tokenDecimals));
        uint256 supply = _secureMintSupply();
        if (amount > type(uint256).max - supply || supply + amount > mintable) {
            revert MintExceedsReserves(amount, supply, mintable);
        }
    }

    function _scale(int256 answer, uint8 feedDecimals, uint8 tokenDecimals) private pure returns (uint256) {
        uint256 value = uint256(answer);
        if (feedDecimals >= tokenDecimals) {
            uint256 down = feedDecimals - tokenDecimals;
            // 10**77 is the largest power of ten in uint256, and any int256 is below it.
            return down > 77 ? 0 : value / 10 ** down;
        }
        uint256 up = tokenDecimals - feedDecimals;
        if (up > 77) revert ReservesOutOfRange(answer, feedDecimals, tokenDecimals);
        uint256 factor = 10 ** up;
        if (value > type(uint256).max / factor) revert ReservesOutOfRange(answer, feedDecimals, tokenDecimals);
        return value * factor;
    }

    function _mintable(uint256 reserves) private view returns (uint256) {
        MarginMode mode = marginMode;
        uint256 margin = marginAmount;
        if (mode == MarginMode.None) return reserves;
        // reserves = q * 10000 + r, so floor(reserves * k / 10000) = q * k + floor(r * k / 10000) for k <= 20000,
        // with no intermediate product above reserves * 2.
        uint256 q = reserves / BASIS_POINTS;
        uint256 r = reserves % BASIS_POINTS;
        if (mode == MarginMode.PositiveBasisPoints) {
            return q * (BASIS_POINTS - margin) + (r * (BASIS_POINTS - margin)) / BASIS_POINTS;
        }
        if (mode == MarginMode.PositiveAbsolute) return reserves > margin ? reserves - margin : 0;
        uint256 extra = mode == MarginMode.NegativeBasisPoints ? q * margin + (r * margin) / BASIS_POINTS : margin;
        return reserves > type(uint256).max - extra ? type(uint256).max : reserves + extra;
    }
}
