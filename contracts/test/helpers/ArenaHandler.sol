// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Vm} from "@prb/test/src/Vm.sol";
import {IPodiumArena} from "../../src/interfaces/IPodiumArena.sol";
import {ISeasonPayout} from "../../src/interfaces/ISeasonPayout.sol";
import {PodiumArena} from "../../src/PodiumArena.sol";
import {MiniMerkle} from "./MiniMerkle.sol";

/// @dev What the invariant fuzzer drives: every action a player, the operator, a guardian or anyone
/// can take on ETH seasons, each a no-op when the season is not in the state the action needs (so
/// random sequences stay meaningful), and ghost totals of every wei that moved.
contract ArenaHandler {
    Vm private constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 private constant MAX_SEASONS = 3;
    uint256 private constant FEE = 1 ether;

    PodiumArena public immutable ARENA;
    address public immutable OPERATOR;
    address public immutable GUARDIAN;
    address public immutable TREASURY;

    struct Leaf {
        uint256 entrantIndex;
        address wallet;
        uint256 rank;
        int256 score;
        uint256 reward;
    }

    uint256[] public seasons;
    mapping(uint256 seasonId => Leaf[]) private _leaves;
    mapping(uint256 seasonId => bytes32[]) private _leafHashes;
    mapping(uint256 seasonId => bytes32) public expectedHead;
    mapping(uint256 seasonId => uint256) public expectedRounds;
    mapping(uint256 seasonId => uint256) public claimedIn;
    mapping(uint256 seasonId => mapping(uint256 leaf => bool)) private _claimed;

    // Ghost totals, in wei.
    uint256 public deposits;
    uint256 public claims;
    uint256 public refunds;
    uint256 public withdrawals;
    uint256 public sweeps;
    // Second attempts that went through: must stay zero.
    uint256 public doubleClaims;
    uint256 public doubleRefunds;
    /// Successful calls per action, to check that the fuzzer reaches every part of the lifecycle.
    mapping(bytes32 action => uint256) public calls;

    constructor(PodiumArena arena, address operator, address guardian, address treasury) {
        ARENA = arena;
        OPERATOR = operator;
        GUARDIAN = guardian;
        TREASURY = treasury;
        createSeason(0);
    }

    function seasonCount() external view returns (uint256) {
        return seasons.length;
    }

    // ---------------------------------------------------------------- operator

    function createSeason(uint256 feeBpsSeed) public {
        if (seasons.length >= MAX_SEASONS) return;
        uint256 start = block.timestamp + 1 days;
        uint256 end = start + 2 days;
        uint256 finalizationDeadline = end + 2 days;
        IPodiumArena.SeasonParams memory params = IPodiumArena.SeasonParams({
            asset: address(0),
            entryFee: FEE,
            entryOpensAt: block.timestamp,
            entryClosesAt: start,
            startsAt: start,
            endsAt: end,
            roundCount: 2,
            maxEntrants: 4,
            maxEntriesPerWallet: 2,
            protocolFeeBps: feeBpsSeed % 2_001,
            disputeWindow: 1 hours,
            finalizationDeadline: finalizationDeadline,
            claimDeadline: finalizationDeadline + 1 hours + 7 days,
            rulesHash: keccak256(abi.encode("rules", seasons.length))
        });
        VM.prank(OPERATOR);
        uint256 seasonId = ARENA.createSeason(params, "ipfs://season");
        seasons.push(seasonId);
        expectedHead[seasonId] = keccak256(abi.encode(block.chainid, address(ARENA), seasonId, params.rulesHash));
    }

    function commitRound(uint256 seasonSeed, bytes32 recordsRoot, bytes32 standingsRoot) external {
        uint256 seasonId = _season(seasonSeed);
        IPodiumArena.SeasonView memory season = ARENA.getSeason(seasonId);
        IPodiumArena.SeasonStatus status = season.status;
        if (status != IPodiumArena.SeasonStatus.Running && status != IPodiumArena.SeasonStatus.AwaitingFinalization) {
            return;
        }
        if (season.roundsCommitted == season.params.roundCount) return;
        if (block.timestamp > season.params.endsAt + ARENA.ROUND_COMMIT_GRACE()) return;
        _commit(seasonId, season.roundsCommitted, recordsRoot, standingsRoot);
    }

    /// Runs the season to its end first when it has not got there (commits missing rounds, moves the
    /// clock), so that whole lifecycles fit in the fuzzer's call sequences, then pays out exactly what
    /// the season received less the protocol fee: the only amount finalize accepts.
    /// @param rootSeed varies the roots of the rounds it commits
    /// @param inflate publish rewards summing to twice the payout: the pot, not other seasons, runs dry
    function finalize(uint256 seasonSeed, uint256 rootSeed, bool inflate) external {
        uint256 seasonId = _season(seasonSeed);
        IPodiumArena.SeasonView memory season = ARENA.getSeason(seasonId);
        IPodiumArena.SeasonStatus status = season.status;
        if (status == IPodiumArena.SeasonStatus.None || status > IPodiumArena.SeasonStatus.AwaitingFinalization) return;
        if (block.timestamp < season.params.startsAt) VM.warp(season.params.startsAt);
        bool roundsMissing = season.roundsCommitted < season.params.roundCount;
        if (roundsMissing && block.timestamp > season.params.endsAt + ARENA.ROUND_COMMIT_GRACE()) return;
        for (uint256 round = season.roundsCommitted; round < season.params.roundCount; ++round) {
            _commit(seasonId, round, keccak256(abi.encode(rootSeed, round)), keccak256(abi.encode(round, rootSeed)));
        }
        if (block.timestamp < season.params.endsAt) VM.warp(season.params.endsAt);
        season = ARENA.getSeason(seasonId);
        uint256 received = season.activeEntrants * season.params.entryFee;
        uint256 payout = received - received * season.params.protocolFeeBps / 10_000;

        delete _leaves[seasonId];
        delete _leafHashes[seasonId];
        uint256 winners = season.activeEntrants;
        uint256 paidSoFar = 0;
        for (uint256 index = 0; index < season.entrantCount; ++index) {
            IPodiumArena.Entrant memory entrant = ARENA.getEntrant(seasonId, index);
            if (entrant.status != IPodiumArena.EntrantStatus.Active) continue;
            uint256 rank = _leaves[seasonId].length + 1;
            uint256 reward = rank == winners ? payout - paidSoFar : payout / winners;
            paidSoFar += reward;
            if (inflate) reward *= 2;
            _addLeaf(seasonId, Leaf(index, entrant.wallet, rank, -int256(rank), reward));
        }
        // A season without entrants (so a zero payout) still publishes a (meaningless) root.
        if (_leaves[seasonId].length == 0) _addLeaf(seasonId, Leaf(0, address(this), 1, 0, 0));

        VM.prank(OPERATOR);
        ARENA.finalize(seasonId, MiniMerkle.root(_leafHashes[seasonId]), payout, keccak256("artifact"), "ipfs://f");
        ++calls["finalize"];
    }

    function cancel(uint256 seasonSeed) external {
        uint256 seasonId = _season(seasonSeed);
        IPodiumArena.SeasonStatus status = ARENA.seasonStatus(seasonId);
        if (status == IPodiumArena.SeasonStatus.None || status > IPodiumArena.SeasonStatus.AwaitingFinalization) return;
        VM.prank(OPERATOR);
        ARENA.cancelSeason(seasonId, "fuzz");
    }

    // ---------------------------------------------------------------- guardian

    function voidSeason(uint256 seasonSeed) external {
        uint256 seasonId = _season(seasonSeed);
        if (ARENA.seasonStatus(seasonId) != IPodiumArena.SeasonStatus.DisputeWindow) return;
        VM.prank(GUARDIAN);
        ARENA.voidSeason(seasonId, "fuzz");
        ++calls["void"];
    }

    // ---------------------------------------------------------------- players and anyone

    function enter(uint256 seasonSeed, uint256 actorSeed, bytes32 configHash) external {
        uint256 seasonId = _season(seasonSeed);
        if (ARENA.seasonStatus(seasonId) != IPodiumArena.SeasonStatus.EntryOpen || configHash == bytes32(0)) return;
        address actor = _actor(actorSeed);
        VM.deal(actor, FEE);
        VM.prank(actor);
        // SeasonFull and TooManyEntries are expected refusals; nothing moved then.
        try ARENA.enter{value: FEE}(seasonId, configHash) {
            deposits += FEE;
        } catch {}
    }

    function withdraw(uint256 seasonSeed, uint256 indexSeed) external {
        uint256 seasonId = _season(seasonSeed);
        IPodiumArena.SeasonView memory season = ARENA.getSeason(seasonId);
        if (season.entrantCount == 0 || block.timestamp >= season.params.startsAt) return;
        if (season.status == IPodiumArena.SeasonStatus.Cancelled) return;
        uint256 index = indexSeed % season.entrantCount;
        IPodiumArena.Entrant memory entrant = ARENA.getEntrant(seasonId, index);
        if (entrant.status != IPodiumArena.EntrantStatus.Active) return;
        VM.prank(entrant.wallet);
        ARENA.withdrawEntry(seasonId, index);
        withdrawals += entrant.paid;
        ++calls["withdraw"];
    }

    function refund(uint256 seasonSeed, uint256 indexSeed) external {
        uint256 seasonId = _season(seasonSeed);
        IPodiumArena.SeasonView memory season = ARENA.getSeason(seasonId);
        IPodiumArena.SeasonStatus status = season.status;
        if (
            season.entrantCount == 0
                || (
                    status != IPodiumArena.SeasonStatus.Cancelled && status != IPodiumArena.SeasonStatus.Voided
                        && status != IPodiumArena.SeasonStatus.FinalizationMissed
                )
        ) return;
        uint256 index = indexSeed % season.entrantCount;
        IPodiumArena.Entrant memory entrant = ARENA.getEntrant(seasonId, index);
        if (entrant.status != IPodiumArena.EntrantStatus.Active) return;
        VM.prank(entrant.wallet);
        ARENA.refund(seasonId, index);
        refunds += entrant.paid;
        ++calls["refund"];
        VM.prank(entrant.wallet);
        try ARENA.refund(seasonId, index) {
            ++doubleRefunds;
        } catch {}
    }

    /// Waits for the end of the dispute window first when the season is in it.
    function claim(uint256 seasonSeed, uint256 leafSeed) external {
        uint256 seasonId = _season(seasonSeed);
        if (ARENA.seasonStatus(seasonId) == IPodiumArena.SeasonStatus.DisputeWindow) {
            VM.warp(ARENA.getSeason(seasonId).disputeEndsAt);
        }
        if (ARENA.seasonStatus(seasonId) != IPodiumArena.SeasonStatus.Claimable) return;
        Leaf[] storage leaves = _leaves[seasonId];
        uint256 position = leafSeed % leaves.length;
        Leaf memory leaf = leaves[position];
        ISeasonPayout payout = ISeasonPayout(ARENA.payoutOf(seasonId));
        bytes32[] memory proof = MiniMerkle.proof(_leafHashes[seasonId], position);
        VM.prank(leaf.wallet);
        try payout.claim(leaf.entrantIndex, leaf.rank, leaf.score, leaf.reward, proof) {
            if (_claimed[seasonId][position]) ++doubleClaims;
            _claimed[seasonId][position] = true;
            claims += leaf.reward;
            claimedIn[seasonId] += leaf.reward;
            ++calls["claim"];
        } catch {}
    }

    /// Waits for the claim deadline first when claims are open or about to be.
    function sweep(uint256 seasonSeed) external {
        uint256 seasonId = _season(seasonSeed);
        IPodiumArena.SeasonStatus status = ARENA.seasonStatus(seasonId);
        if (status == IPodiumArena.SeasonStatus.DisputeWindow || status == IPodiumArena.SeasonStatus.Claimable) {
            VM.warp(ARENA.getSeason(seasonId).params.claimDeadline + 1);
        }
        if (ARENA.seasonStatus(seasonId) != IPodiumArena.SeasonStatus.ClaimsClosed) return;
        uint256 before = TREASURY.balance;
        ARENA.sweep(seasonId);
        sweeps += TREASURY.balance - before;
        ++calls["sweep"];
    }

    /// Lets the finalization deadline pass (when the season is not finalized), then records it.
    function missFinalization(uint256 seasonSeed) external {
        uint256 seasonId = _season(seasonSeed);
        IPodiumArena.SeasonView memory season = ARENA.getSeason(seasonId);
        IPodiumArena.SeasonStatus status = season.status;
        if (status == IPodiumArena.SeasonStatus.None || status > IPodiumArena.SeasonStatus.AwaitingFinalization) return;
        VM.warp(season.params.finalizationDeadline + 1);
        ARENA.markFinalizationMissed(seasonId);
        ++calls["missFinalization"];
    }

    function warp(uint256 secondsSeed) external {
        VM.warp(block.timestamp + 1 + secondsSeed % 3 days);
    }

    // ---------------------------------------------------------------- internals

    function _commit(uint256 seasonId, uint256 roundIndex, bytes32 recordsRoot, bytes32 standingsRoot) private {
        bytes32 artifact = keccak256(abi.encode(recordsRoot, standingsRoot));
        VM.prank(OPERATOR);
        ARENA.commitRound(seasonId, roundIndex, recordsRoot, standingsRoot, artifact, "ipfs://round");
        expectedHead[seasonId] =
            keccak256(abi.encode(expectedHead[seasonId], roundIndex, recordsRoot, standingsRoot, artifact));
        ++expectedRounds[seasonId];
    }

    function _addLeaf(uint256 seasonId, Leaf memory leaf) private {
        _leaves[seasonId].push(leaf);
        // The StandardMerkleTree leaf, written out independently of ResultLeaf.sol.
        _leafHashes[seasonId].push(
            keccak256(
                bytes.concat(
                    keccak256(
                        abi.encode(
                            block.chainid,
                            address(ARENA),
                            seasonId,
                            leaf.entrantIndex,
                            leaf.wallet,
                            leaf.rank,
                            leaf.score,
                            leaf.reward
                        )
                    )
                )
            )
        );
    }

    function _season(uint256 seed) private view returns (uint256) {
        return seasons[seed % seasons.length];
    }

    function _actor(uint256 seed) private pure returns (address) {
        return address(uint160(0xA11CE0 + seed % 3));
    }
}
