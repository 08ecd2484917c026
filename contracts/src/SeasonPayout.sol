// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {ISeasonPayout} from "./interfaces/ISeasonPayout.sol";
import {ResultLeaf} from "./libraries/ResultLeaf.sol";

// The claim window's bounds are inclusive or exclusive as specified; they read as specified.
// solhint-disable gas-strict-inequalities

/// @title The reward pot of one finalized Podium season.
/// @notice Created by PodiumArena.finalize (through SeasonPayoutFactory). Why a contract per season:
/// a claim must know the season's results root and asset, and must never pay more than the season
/// put in. In one multi-season
/// contract that costs two cold storage reads and one write per claim (about 7,100 gas); here the
/// root, the asset and the claim window are immutables (read from code, no storage), and the pot's
/// own balance is the per-season cap, so a claim pays only for its bitmap word and the transfer.
contract SeasonPayout is ISeasonPayout {
    using SafeERC20 for IERC20;
    using BitMaps for BitMaps.BitMap;

    /// @inheritdoc ISeasonPayout
    address public immutable ARENA;
    /// @inheritdoc ISeasonPayout
    uint256 public immutable SEASON_ID;
    /// @inheritdoc ISeasonPayout
    address public immutable ASSET;
    /// @inheritdoc ISeasonPayout
    bytes32 public immutable RESULTS_ROOT;
    /// @inheritdoc ISeasonPayout
    uint256 public immutable CLAIMS_OPEN_AT;
    /// @inheritdoc ISeasonPayout
    uint256 public immutable CLAIM_DEADLINE;

    BitMaps.BitMap private _claimed;

    /// @dev Created through SeasonPayoutFactory, which passes its caller as `arena_`. A native pot arrives
    /// with its ETH as `msg.value`; an ERC-20 pot is funded by the arena right after creation.
    constructor(
        address arena_,
        uint256 seasonId_,
        address asset_,
        bytes32 resultsRoot_,
        uint256 claimsOpenAt_,
        uint256 claimDeadline_
    ) payable {
        ARENA = arena_;
        SEASON_ID = seasonId_;
        ASSET = asset_;
        RESULTS_ROOT = resultsRoot_;
        CLAIMS_OPEN_AT = claimsOpenAt_;
        CLAIM_DEADLINE = claimDeadline_;
    }

    modifier onlyArena() {
        if (msg.sender != ARENA) revert NotArena(msg.sender);
        _;
    }

    /// @inheritdoc ISeasonPayout
    function claim(uint256 entrantIndex, uint256 rank, int256 score, uint256 reward, bytes32[] calldata proof)
        external
    {
        _claim(msg.sender, entrantIndex, rank, score, reward, proof);
    }

    /// @inheritdoc ISeasonPayout
    function claimFor(
        address wallet,
        uint256 entrantIndex,
        uint256 rank,
        int256 score,
        uint256 reward,
        bytes32[] calldata proof
    ) external onlyArena {
        _claim(wallet, entrantIndex, rank, score, reward, proof);
    }

    /// @inheritdoc ISeasonPayout
    function isClaimed(uint256 entrantIndex) external view returns (bool) {
        return _claimed.get(entrantIndex);
    }

    /// @inheritdoc ISeasonPayout
    function recall() external onlyArena returns (uint256 amount) {
        if (block.timestamp >= CLAIMS_OPEN_AT) revert ClaimsAlreadyOpen(block.timestamp, CLAIMS_OPEN_AT);
        amount = _balance();
        emit Recalled(amount);
        _pay(ARENA, amount);
    }

    /// @inheritdoc ISeasonPayout
    function sweep(address treasury) external onlyArena returns (uint256 amount) {
        if (block.timestamp <= CLAIM_DEADLINE) revert ClaimsStillOpen(block.timestamp, CLAIM_DEADLINE);
        amount = _balance();
        emit Swept(treasury, amount);
        _pay(treasury, amount);
    }

    function _claim(
        address wallet,
        uint256 entrantIndex,
        uint256 rank,
        int256 score,
        uint256 reward,
        bytes32[] calldata proof
    ) private {
        if (block.timestamp < CLAIMS_OPEN_AT) revert ClaimsNotOpen(block.timestamp, CLAIMS_OPEN_AT);
        if (block.timestamp > CLAIM_DEADLINE) revert ClaimPeriodOver(block.timestamp, CLAIM_DEADLINE);
        // BitMaps' word read once and written once (get + set would read it twice).
        uint256 bucket = entrantIndex >> 8;
        uint256 mask = 1 << (entrantIndex & 0xff);
        uint256 word = _claimed._data[bucket];
        if (word & mask != 0) revert AlreadyClaimed(entrantIndex);
        bytes32 leaf =
            ResultLeaf.hash(block.chainid, ARENA, SEASON_ID, entrantIndex, wallet, rank, score, reward);
        if (!MerkleProof.verifyCalldata(proof, RESULTS_ROOT, leaf)) {
            revert InvalidProof(entrantIndex, wallet, rank, score, reward);
        }
        _claimed._data[bucket] = word | mask;
        emit Claimed(entrantIndex, wallet, reward);
        // A failed payment is reported as this pot's own error: after a void the pot is empty, and a tree
        // promising more than the pot holds runs dry here instead of touching other seasons.
        if (!_tryPay(wallet, reward)) revert PayoutFailed(ASSET, wallet, reward);
    }

    function _balance() private view returns (uint256) {
        return ASSET == address(0) ? address(this).balance : IERC20(ASSET).balanceOf(address(this));
    }

    function _pay(address to, uint256 amount) private {
        if (!_tryPay(to, amount)) revert PayoutFailed(ASSET, to, amount);
    }

    function _tryPay(address to, uint256 amount) private returns (bool) {
        if (ASSET == address(0)) {
            // Full gas: the receiver may be a smart wallet. Reentrancy finds the bit already set.
            (bool sent,) = to.call{value: amount}("");
            return sent;
        }
        return IERC20(ASSET).trySafeTransfer(to, amount);
    }
}
