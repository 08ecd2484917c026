// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PRBTest} from "@prb/test/src/PRBTest.sol";
import {IPodiumArena} from "../src/interfaces/IPodiumArena.sol";
import {ISeasonPayout} from "../src/interfaces/ISeasonPayout.sol";
import {PodiumArena} from "../src/PodiumArena.sol";
import {SeasonPayoutFactory} from "../src/SeasonPayoutFactory.sol";
import {MiniMerkle} from "./helpers/MiniMerkle.sol";

/// @dev Property tests of single paths, over random amounts, fee rates, entrant counts and leaves.
contract PodiumArenaFuzzTest is PRBTest {
    PodiumArena internal arena;
    address internal constant OPERATOR = address(0x0FE2A702);
    address internal constant TREASURY = address(0x7EA5);

    function setUp() public {
        arena = new PodiumArena(new SeasonPayoutFactory(), address(this), 0, OPERATOR, address(0), TREASURY);
    }

    function _bound(uint256 value, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + value % (max - min + 1);
    }

    function _createSeason(uint256 entryFee, uint256 protocolFeeBps, uint256 maxEntrants) internal returns (uint256) {
        uint256 start = block.timestamp + 1 days;
        IPodiumArena.SeasonParams memory params = IPodiumArena.SeasonParams({
            asset: address(0),
            entryFee: entryFee,
            entryOpensAt: block.timestamp,
            entryClosesAt: start,
            startsAt: start,
            endsAt: start + 1 days,
            roundCount: 1,
            maxEntrants: maxEntrants,
            maxEntriesPerWallet: 1,
            protocolFeeBps: protocolFeeBps,
            disputeWindow: 1 hours,
            finalizationDeadline: start + 3 days,
            claimDeadline: start + 3 days + 1 hours + 7 days,
            rulesHash: keccak256("rules")
        });
        vm.prank(OPERATOR);
        return arena.createSeason(params, "ipfs://fuzz");
    }

    function _enterMany(uint256 seasonId, uint256 count, uint256 fee) internal {
        for (uint256 i = 0; i < count; ++i) {
            address player = address(uint160(0xB0B000 + i));
            vm.deal(player, fee);
            vm.prank(player);
            arena.enter{value: fee}(seasonId, keccak256(abi.encode(i)));
        }
    }

    function _toEnd(uint256 seasonId) internal {
        IPodiumArena.SeasonView memory season = arena.getSeason(seasonId);
        vm.warp(season.params.startsAt);
        vm.prank(OPERATOR);
        arena.commitRound(seasonId, 0, keccak256("r"), keccak256("s"), keccak256("a"), "ipfs://r");
        vm.warp(season.params.endsAt);
    }

    /// finalize accepts a payout if and only if payout + floor(received * bps / 10_000) == received:
    /// anything else, below or above, reverts with PayoutMismatch. An accepted payout moves into the pot,
    /// the arena keeps exactly the protocol fee, and the sweep sends the treasury that fee and the
    /// unclaimed payout (here all of it), nothing more: no remainder exists for anyone to take.
    function testFuzz_finalizeChecksSolvency(uint256 feeSeed, uint256 bpsSeed, uint256 countSeed, uint256 payoutSeed)
        external
    {
        uint256 fee = _bound(feeSeed, 0, 1_000 ether);
        uint256 bps = _bound(bpsSeed, 0, 2_000);
        uint256 count = _bound(countSeed, 0, 6);
        uint256 seasonId = _createSeason(fee, bps, 6);
        _enterMany(seasonId, count, fee);
        _toEnd(seasonId);
        uint256 received = count * fee;
        uint256 protocolFee = received * bps / 10_000;
        uint256 playersShare = received - protocolFee;
        // A third of the runs pay exactly the players' share, a third less (down to 0), a third more
        // (up to type(uint256).max, which must not overflow the check); a random payout would almost never hit it.
        uint256 payout = playersShare;
        uint256 mode = payoutSeed % 3;
        uint256 seed = payoutSeed / 3;
        if (mode == 1 && playersShare > 0) payout = _bound(seed, 0, playersShare - 1);
        else if (mode != 0) payout = playersShare + _bound(seed, 1, type(uint256).max - playersShare);
        if (payout != playersShare) {
            vm.expectRevert(
                abi.encodeWithSelector(IPodiumArena.PayoutMismatch.selector, payout, protocolFee, received)
            );
            vm.prank(OPERATOR);
            arena.finalize(seasonId, keccak256("root"), payout, keccak256("a"), "ipfs://f");
            return;
        }
        vm.prank(OPERATOR);
        address pot = arena.finalize(seasonId, keccak256("root"), payout, keccak256("a"), "ipfs://f");
        assertEq(pot.balance, payout, "pot holds the payout");
        assertEq(address(arena).balance, protocolFee, "arena keeps the protocol fee, nothing else");
        assertEq(arena.getSeason(seasonId).protocolFee, protocolFee, "protocol fee rounds down");

        vm.warp(arena.getSeason(seasonId).params.claimDeadline + 1);
        uint256 treasuryBefore = TREASURY.balance;
        arena.sweep(seasonId);
        assertEq(TREASURY.balance - treasuryBefore, protocolFee + payout, "treasury gets the fee and the unclaimed");
        assertEq(address(arena).balance + pot.balance, 0, "nothing of the season is left behind");
    }

    /// Whatever the mix of entries and withdrawals, the arena holds exactly the active entries' fees.
    function testFuzz_entriesAndWithdrawalsBalance(uint256 feeSeed, bytes calldata ops) external {
        uint256 fee = _bound(feeSeed, 0, 10 ether);
        uint256 seasonId = _createSeason(fee, 0, 20);
        bool[20] memory active;
        uint256 entrants = 0;
        for (uint256 i = 0; i < ops.length && i < 40; ++i) {
            uint8 op = uint8(ops[i]);
            if (op < 128 && entrants < 20) {
                address player = address(uint160(0xB0B000 + entrants));
                vm.deal(player, fee);
                vm.prank(player);
                arena.enter{value: fee}(seasonId, keccak256(abi.encode(i)));
                active[entrants++] = true;
            } else if (entrants > 0) {
                uint256 index = op % entrants;
                if (!active[index]) continue;
                vm.prank(address(uint160(0xB0B000 + index)));
                arena.withdrawEntry(seasonId, index);
                active[index] = false;
            }
            uint256 activeCount = 0;
            for (uint256 k = 0; k < entrants; ++k) {
                if (active[k]) ++activeCount;
            }
            assertEq(arena.getSeason(seasonId).activeEntrants, activeCount, "active entrants");
            assertEq(address(arena).balance, activeCount * fee, "arena balance = active fees");
        }
    }

    /// A claim pays only its exact leaf: changing any one field makes the proof fail.
    function testFuzz_claimNeedsTheExactLeaf(uint256 field, uint256 delta, int256 score) external {
        uint256 seasonId = _createSeason(1 ether, 0, 3);
        _enterMany(seasonId, 3, 1 ether);
        _toEnd(seasonId);
        bytes32[] memory leaves = new bytes32[](3);
        for (uint256 i = 0; i < 3; ++i) {
            leaves[i] = _leaf(seasonId, i, address(uint160(0xB0B000 + i)), i + 1, score, 1 ether);
        }
        vm.prank(OPERATOR);
        ISeasonPayout pot =
            ISeasonPayout(arena.finalize(seasonId, MiniMerkle.root(leaves), 3 ether, keccak256("a"), "ipfs://f"));
        vm.warp(pot.CLAIMS_OPEN_AT());

        uint256 change = _bound(delta, 1, type(uint128).max);
        uint256 entrantIndex = 1;
        uint256 rank = 2;
        int256 claimedScore = score;
        uint256 reward = 1 ether;
        uint256 which = field % 4;
        if (which == 0) entrantIndex += change;
        else if (which == 1) rank += change;
        else if (which == 2) claimedScore = score == type(int256).max ? score - 1 : score + 1;
        else reward += change;
        bytes32[] memory proof = MiniMerkle.proof(leaves, 1);
        address wallet = address(uint160(0xB0B001));
        vm.expectRevert(
            abi.encodeWithSelector(
                ISeasonPayout.InvalidProof.selector, entrantIndex, wallet, rank, claimedScore, reward
            )
        );
        vm.prank(wallet);
        pot.claim(entrantIndex, rank, claimedScore, reward, proof);

        vm.prank(wallet);
        pot.claim(1, 2, score, 1 ether, proof);
        assertEq(wallet.balance, 1 ether, "the exact leaf pays");
    }

    function _leaf(uint256 seasonId, uint256 index, address wallet, uint256 rank, int256 score, uint256 reward)
        internal
        view
        returns (bytes32)
    {
        bytes memory values = abi.encode(block.chainid, address(arena), seasonId, index, wallet, rank, score, reward);
        return keccak256(bytes.concat(keccak256(values)));
    }
}
