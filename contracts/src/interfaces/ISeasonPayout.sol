// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title The reward pot of one finalized Podium season.
/// @notice Created and funded by the arena at finalization with exactly the season's total payout;
/// it holds nothing else, so a faulty results tree can never reach another season's money. Its
/// root, asset and claim window are immutable. Claims are paid to the leaf's wallet, which must be
/// the caller (or, through the arena's `claimMany`, the arena's caller). Claimed flags live in a
/// bitmap indexed by entrant index.
// Amounts in events are data, not filter keys.
// solhint-disable gas-indexed-events
interface ISeasonPayout {
    /// @dev Nothing indexed: a claim is on the gas-critical path, and the indexer reads every event anyway.
    event Claimed(uint256 entrantIndex, address wallet, uint256 reward);
    event Recalled(uint256 amount);
    event Swept(address indexed treasury, uint256 amount);

    error NotArena(address caller);
    error ClaimsNotOpen(uint256 nowTimestamp, uint256 claimsOpenAt);
    error ClaimPeriodOver(uint256 nowTimestamp, uint256 claimDeadline);
    error ClaimsStillOpen(uint256 nowTimestamp, uint256 claimDeadline);
    error ClaimsAlreadyOpen(uint256 nowTimestamp, uint256 claimsOpenAt);
    error AlreadyClaimed(uint256 entrantIndex);
    error InvalidProof(uint256 entrantIndex, address wallet, uint256 rank, int256 score, uint256 reward);
    /// @notice The pot cannot pay: it was recalled after a void, or its tree promises more than it holds.
    error PayoutFailed(address asset, address wallet, uint256 reward);

    function ARENA() external view returns (address);
    function SEASON_ID() external view returns (uint256);
    /// @notice `address(0)` for native ETH.
    function ASSET() external view returns (address);
    function RESULTS_ROOT() external view returns (bytes32);
    /// @notice End of the dispute window: claims are accepted from this second on.
    function CLAIMS_OPEN_AT() external view returns (uint256);
    /// @notice Last second at which claims are accepted.
    function CLAIM_DEADLINE() external view returns (uint256);

    /// @notice Pays `reward` to the caller if `(entrantIndex, caller, rank, score, reward)` is a leaf of
    /// the season's results tree (see IPodiumArena.resultLeaf) and was not claimed yet.
    function claim(uint256 entrantIndex, uint256 rank, int256 score, uint256 reward, bytes32[] calldata proof)
        external;

    /// @notice `claim` for the arena's `claimMany`, paying `wallet` (the arena's caller).
    function claimFor(
        address wallet,
        uint256 entrantIndex,
        uint256 rank,
        int256 score,
        uint256 reward,
        bytes32[] calldata proof
    ) external;

    function isClaimed(uint256 entrantIndex) external view returns (bool);

    /// @notice Sends the whole pot back to the arena (arena only, before claims open): the season was voided.
    function recall() external returns (uint256 amount);

    /// @notice Sends what was not claimed to `treasury` (arena only, after the claim deadline).
    function sweep(address treasury) external returns (uint256 amount);
}
