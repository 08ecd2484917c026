// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPodiumArena} from "../interfaces/IPodiumArena.sol";

// The bounds are inclusive or exclusive as IPodiumArena specifies; they read as specified.
// solhint-disable gas-strict-inequalities

/// @title Validation of the parameters a season is created with.
/// @notice Every bound the arena's storage and lifecycle rely on is checked here, in the order the
/// lifecycle runs; each failure names the offending values and the bound they broke.
library SeasonParamsValidation {
    /// @notice Hard cap on a season's protocol fee: 20%.
    uint256 internal constant MAX_PROTOCOL_FEE_BPS = 2_000;
    /// @notice Rounds may be committed until `endsAt` plus this grace period.
    uint256 internal constant ROUND_COMMIT_GRACE = 1 days;
    uint256 internal constant MIN_DISPUTE_WINDOW = 1 hours;
    uint256 internal constant MAX_DISPUTE_WINDOW = 30 days;
    /// @notice The finalization deadline lies at most this long after `endsAt`: fees are never locked for long.
    uint256 internal constant MAX_FINALIZATION_DELAY = 30 days;
    /// @notice Winners get at least this long to claim after the latest possible end of the dispute window.
    uint256 internal constant MIN_CLAIM_PERIOD = 7 days;
    uint256 internal constant MAX_CLAIM_PERIOD = 365 days;
    /// @notice Entrant indices are stored in 24 bits.
    uint256 internal constant MAX_ENTRANTS = type(uint24).max;
    uint256 internal constant MAX_ENTRIES_PER_WALLET = 255;
    uint256 internal constant MAX_ROUNDS = type(uint16).max;
    /// @notice Every amount of a season (fees received, payout) fits in 96 bits.
    uint256 internal constant MAX_SEASON_AMOUNT = type(uint96).max;
    /// @notice Latest `endsAt`: every later deadline still fits the 40-bit timestamps of the arena's storage.
    uint256 internal constant MAX_ENDS_AT =
        type(uint40).max - MAX_FINALIZATION_DELAY - MAX_DISPUTE_WINDOW - MAX_CLAIM_PERIOD;

    function validate(IPodiumArena.SeasonParams calldata p, uint256 nowTimestamp) internal view {
        if (p.asset != address(0) && p.asset.code.length == 0) revert IPodiumArena.InvalidAsset(p.asset);
        if (p.entryOpensAt < nowTimestamp || p.entryClosesAt <= p.entryOpensAt) {
            revert IPodiumArena.InvalidEntryWindow(p.entryOpensAt, p.entryClosesAt, nowTimestamp);
        }
        if (p.startsAt < p.entryClosesAt || p.endsAt <= p.startsAt || p.endsAt > MAX_ENDS_AT) {
            revert IPodiumArena.InvalidSeasonWindow(p.entryClosesAt, p.startsAt, p.endsAt);
        }
        if (p.roundCount == 0 || p.roundCount > MAX_ROUNDS) {
            revert IPodiumArena.InvalidRoundCount(p.roundCount, MAX_ROUNDS);
        }
        if (p.maxEntrants == 0 || p.maxEntrants > MAX_ENTRANTS) {
            revert IPodiumArena.InvalidMaxEntrants(p.maxEntrants, MAX_ENTRANTS);
        }
        if (
            p.maxEntriesPerWallet == 0 || p.maxEntriesPerWallet > p.maxEntrants
                || p.maxEntriesPerWallet > MAX_ENTRIES_PER_WALLET
        ) {
            revert IPodiumArena.InvalidMaxEntriesPerWallet(
                p.maxEntriesPerWallet, p.maxEntrants, MAX_ENTRIES_PER_WALLET
            );
        }
        // maxEntrants < 2^24 here, so the product overflows only if entryFee is absurd: check it first.
        if (p.entryFee > MAX_SEASON_AMOUNT || p.entryFee * p.maxEntrants > MAX_SEASON_AMOUNT) {
            revert IPodiumArena.EntryFeeTooLarge(p.entryFee, p.maxEntrants, MAX_SEASON_AMOUNT);
        }
        if (p.protocolFeeBps > MAX_PROTOCOL_FEE_BPS) {
            revert IPodiumArena.ProtocolFeeTooHigh(p.protocolFeeBps, MAX_PROTOCOL_FEE_BPS);
        }
        if (p.disputeWindow < MIN_DISPUTE_WINDOW || p.disputeWindow > MAX_DISPUTE_WINDOW) {
            revert IPodiumArena.InvalidDisputeWindow(p.disputeWindow, MIN_DISPUTE_WINDOW, MAX_DISPUTE_WINDOW);
        }
        // endsAt <= MAX_ENDS_AT: none of the sums below overflows, all fit 40 bits.
        uint256 earliestFinalizationDeadline = p.endsAt + ROUND_COMMIT_GRACE;
        uint256 latestFinalizationDeadline = p.endsAt + MAX_FINALIZATION_DELAY;
        if (
            p.finalizationDeadline < earliestFinalizationDeadline
                || p.finalizationDeadline > latestFinalizationDeadline
        ) {
            revert IPodiumArena.InvalidFinalizationDeadline(
                p.finalizationDeadline, earliestFinalizationDeadline, latestFinalizationDeadline
            );
        }
        uint256 latestDisputeEnd = p.finalizationDeadline + p.disputeWindow;
        uint256 earliestClaimDeadline = latestDisputeEnd + MIN_CLAIM_PERIOD;
        uint256 latestClaimDeadline = latestDisputeEnd + MAX_CLAIM_PERIOD;
        if (p.claimDeadline < earliestClaimDeadline || p.claimDeadline > latestClaimDeadline) {
            revert IPodiumArena.InvalidClaimDeadline(p.claimDeadline, earliestClaimDeadline, latestClaimDeadline);
        }
        if (p.rulesHash == bytes32(0)) revert IPodiumArena.ZeroRulesHash();
    }
}
