// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PRBTest} from "@prb/test/src/PRBTest.sol";
import {IPodiumArena} from "../src/interfaces/IPodiumArena.sol";
import {PodiumArena} from "../src/PodiumArena.sol";
import {SeasonPayoutFactory} from "../src/SeasonPayoutFactory.sol";
import {ArenaHandler} from "./helpers/ArenaHandler.sol";

/// @dev Invariants over random sequences of every arena action (ArenaHandler), on up to three ETH
/// seasons at once, including results trees that promise more than the payout.
contract PodiumArenaInvariantsTest is PRBTest {
    PodiumArena internal arena;
    ArenaHandler internal handler;

    address internal constant OPERATOR = address(0x0FE2A702);
    address internal constant GUARDIAN = address(0x6A2D1A4);
    address internal constant TREASURY = address(0x7EA5);

    function setUp() public {
        arena = new PodiumArena(new SeasonPayoutFactory(), address(this), 0, OPERATOR, GUARDIAN, TREASURY);
        handler = new ArenaHandler(arena, OPERATOR, GUARDIAN, TREASURY);
    }

    /// @dev The fuzzer calls only the handler (foundry-style target selection, honoured by Hardhat's EDR).
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// Every wei that came in is either still held (arena or a pot) or went out as a claim, a refund,
    /// a withdrawal or a sweep: nothing is created, nothing leaks.
    function invariant_conservation() external {
        uint256 held = address(arena).balance;
        for (uint256 i = 0; i < handler.seasonCount(); ++i) {
            address payout = arena.payoutOf(handler.seasons(i));
            if (payout != address(0)) held += payout.balance;
        }
        uint256 out = handler.claims() + handler.refunds() + handler.withdrawals() + handler.sweeps();
        assertEq(handler.deposits(), held + out, "deposits != held + paid out");
        assertLte(out, handler.deposits(), "claims + refunds + withdrawals + sweeps exceed deposits");
    }

    /// The arena holds exactly what it still owes each season (no remainder that belongs to no one), each
    /// pot exactly its unclaimed payout, and a finalized season's payout and protocol fee add up to
    /// exactly what it received.
    function invariant_solvency() external {
        uint256 owed = 0;
        for (uint256 i = 0; i < handler.seasonCount(); ++i) {
            uint256 seasonId = handler.seasons(i);
            IPodiumArena.SeasonView memory season = arena.getSeason(seasonId);
            uint256 received = season.activeEntrants * season.params.entryFee;
            uint256 refunded = season.refundedCount * season.params.entryFee;
            IPodiumArena.SeasonStatus status = season.status;
            uint256 potBalance = season.payout == address(0) ? 0 : season.payout.balance;
            if (
                status == IPodiumArena.SeasonStatus.DisputeWindow || status == IPodiumArena.SeasonStatus.Claimable
                    || status == IPodiumArena.SeasonStatus.ClaimsClosed
            ) {
                assertEq(season.totalPayout + season.protocolFee, received, "payout + protocol fee != received");
                owed += season.protocolFee;
                assertEq(potBalance + handler.claimedIn(seasonId), season.totalPayout, "pot != payout - claims");
            } else if (status == IPodiumArena.SeasonStatus.Swept) {
                assertEq(season.totalPayout + season.protocolFee, received, "payout + protocol fee != received");
                assertEq(potBalance, 0, "swept pot not empty");
            } else {
                // Open, cancelled, voided or missed: every active entry's fee, less what was refunded.
                owed += received - refunded;
                assertEq(potBalance, 0, "a pot holds money outside finalization");
            }
            assertLte(handler.claimedIn(seasonId), season.totalPayout, "claims exceed the season's payout");
        }
        assertEq(address(arena).balance, owed, "arena holds other than it owes");
    }

    function invariant_noDoubleClaimOrRefund() external {
        assertEq(handler.doubleClaims(), 0, "a claim was paid twice");
        assertEq(handler.doubleRefunds(), 0, "a refund was paid twice");
    }

    /// The treasury only ever receives, from each swept season, its protocol fee and the rewards its
    /// winners left unclaimed (claims end at the claim deadline, before the sweep).
    function invariant_treasuryTakesOnlyFeeAndUnclaimed() external {
        uint256 expected = 0;
        for (uint256 i = 0; i < handler.seasonCount(); ++i) {
            uint256 seasonId = handler.seasons(i);
            IPodiumArena.SeasonView memory season = arena.getSeason(seasonId);
            if (season.status != IPodiumArena.SeasonStatus.Swept) continue;
            expected += season.protocolFee + season.totalPayout - handler.claimedIn(seasonId);
        }
        assertEq(handler.sweeps(), expected, "the treasury got other than fees and unclaimed rewards");
    }

    /// Committed rounds never change and stay in order: the stored chain head is the one rebuilt from
    /// every commit the handler made, in the order it made them.
    function invariant_roundsChainOnlyExtends() external {
        for (uint256 i = 0; i < handler.seasonCount(); ++i) {
            uint256 seasonId = handler.seasons(i);
            IPodiumArena.SeasonView memory season = arena.getSeason(seasonId);
            assertEq(season.roundsHead, handler.expectedHead(seasonId), "rounds chain head differs");
            assertEq(season.roundsCommitted, handler.expectedRounds(seasonId), "rounds committed differ");
            assertLte(season.roundsCommitted, season.params.roundCount, "more rounds than the season has");
        }
    }
}
