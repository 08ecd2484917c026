// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ISeasonPayoutFactory} from "./ISeasonPayoutFactory.sol";

/// @title Podium arena: seasons of AI trading agents with entry fees, frozen configs, per-round
/// commitments, Merkle reward claims and refunds.
/// @notice The lifecycle is enforced by timestamps and stored state, never by the operator's word:
/// Upcoming -> EntryOpen -> EntryClosed -> Running -> AwaitingFinalization -> DisputeWindow ->
/// Claimable -> ClaimsClosed -> Swept, or Cancelled / Voided / FinalizationMissed, where every
/// entrant takes their fee back. Rewards are paid by the season's `SeasonPayout` contract, created
/// and funded at finalization, which holds nothing but that season's payout.
/// @dev All amounts are in the season's asset (native ETH when `asset == address(0)`).
// Amounts and times in events are data, not filter keys.
// solhint-disable gas-indexed-events
interface IPodiumArena {
    /// @notice Where a season stands, derived from its stored state and the block timestamp.
    enum SeasonStatus {
        /// No season has this id.
        None,
        /// Created; entry opens at `entryOpensAt`.
        Upcoming,
        /// `entryOpensAt <= now < entryClosesAt`: players may enter.
        EntryOpen,
        /// `entryClosesAt <= now < startsAt`: no new entries; configs may still change or leave.
        EntryClosed,
        /// `startsAt <= now < endsAt`: configs are frozen; the operator commits rounds.
        Running,
        /// `now >= endsAt`, not finalized, `now <= finalizationDeadline`.
        AwaitingFinalization,
        /// Finalized, `now < disputeEndsAt`: a guardian may still void the results.
        DisputeWindow,
        /// `disputeEndsAt <= now <= claimDeadline`: winners claim from the payout contract.
        Claimable,
        /// `now > claimDeadline`, not yet swept: anyone may sweep the protocol fee and the unclaimed
        /// rewards to the treasury.
        ClaimsClosed,
        /// Unclaimed rewards and the protocol fee went to the treasury.
        Swept,
        /// Cancelled before finalization: every active entrant may take their fee back.
        Cancelled,
        /// Results voided by a guardian during the dispute window: refunds.
        Voided,
        /// Not finalized by `finalizationDeadline`: refunds, no operator action needed.
        FinalizationMissed
    }

    /// @notice Where an entry stands.
    enum EntrantStatus {
        None,
        /// Entered and counted.
        Active,
        /// Left before the start with a full refund.
        Withdrawn,
        /// Took the fee back after a cancellation, a void or a missed finalization.
        Refunded
    }

    /// @notice Everything a season is created with. Times are unix seconds; the window bounds
    /// are half-open (`[entryOpensAt, entryClosesAt)`, `[startsAt, endsAt)`), the deadlines inclusive.
    struct SeasonParams {
        /// `address(0)` for native ETH, otherwise an ERC-20 contract (no fee-on-transfer, no rebasing).
        address asset;
        /// Fee per entry in the asset's smallest unit; 0 for a free season.
        uint256 entryFee;
        uint256 entryOpensAt;
        uint256 entryClosesAt;
        uint256 startsAt;
        uint256 endsAt;
        /// Number of rounds the operator commits, in order, between `startsAt` and `endsAt + ROUND_COMMIT_GRACE`.
        uint256 roundCount;
        uint256 maxEntrants;
        /// "Max bots per user": active entries one wallet may hold.
        uint256 maxEntriesPerWallet;
        /// Share of the entry fees kept by the protocol, in basis points, at most MAX_PROTOCOL_FEE_BPS.
        uint256 protocolFeeBps;
        /// Seconds between finalization and the opening of claims, during which a guardian may void.
        uint256 disputeWindow;
        /// Last moment to finalize; after it the season refunds.
        uint256 finalizationDeadline;
        /// Last moment to claim; after it the remainder may be swept to the treasury.
        uint256 claimDeadline;
        /// Hash of the canonical ruleset and dataset the engine publishes for this season.
        bytes32 rulesHash;
    }

    /// @notice A season as stored, plus its derived status.
    struct SeasonView {
        SeasonParams params;
        SeasonStatus status;
        /// Entrant indices handed out so far (withdrawn ones included); the next entry gets this index.
        uint256 entrantCount;
        uint256 activeEntrants;
        uint256 refundedCount;
        uint256 roundsCommitted;
        /// Hash chain over all committed rounds (see `roundChainLink`); starts at `roundChainGenesis`.
        bytes32 roundsHead;
        bytes32 resultsRoot;
        uint256 totalPayout;
        uint256 protocolFee;
        /// The season's SeasonPayout contract, zero before finalization.
        address payout;
        uint256 disputeEndsAt;
    }

    struct Entrant {
        address wallet;
        bytes32 configHash;
        /// What the arena actually received for this entry.
        uint256 paid;
        EntrantStatus status;
    }

    /// @notice One claim of `claimMany`; the fields of the caller's result leaf and its proof.
    struct ClaimRequest {
        uint256 seasonId;
        uint256 entrantIndex;
        uint256 rank;
        int256 score;
        uint256 reward;
        bytes32[] proof;
    }

    // ---------------------------------------------------------------- events

    event SeasonCreated(uint256 indexed seasonId, address indexed asset, SeasonParams params, string metadataURI);
    /// @notice An entry; it paid the season's entry fee, exactly (tokens that deliver less are refused).
    event EntrantEntered(uint256 indexed seasonId, address indexed wallet, uint256 entrantIndex, bytes32 configHash);
    event ConfigHashUpdated(
        uint256 indexed seasonId, uint256 indexed entrantIndex, bytes32 previousConfigHash, bytes32 configHash
    );
    event EntrantWithdrew(
        uint256 indexed seasonId, uint256 indexed entrantIndex, address indexed wallet, uint256 amount
    );
    event RoundCommitted(
        uint256 indexed seasonId,
        uint256 indexed roundIndex,
        bytes32 recordsRoot,
        bytes32 standingsRoot,
        bytes32 artifactDigest,
        string artifactUri,
        bytes32 roundsHead
    );
    event SeasonFinalized(
        uint256 indexed seasonId,
        address indexed payout,
        bytes32 resultsRoot,
        uint256 totalPayout,
        uint256 protocolFee,
        uint256 disputeEndsAt,
        bytes32 artifactDigest,
        string artifactUri
    );
    event SeasonCancelled(uint256 indexed seasonId, address indexed by, string reason);
    event SeasonVoided(uint256 indexed seasonId, address indexed guardian, uint256 recalled, string reason);
    event FinalizationMissed(uint256 indexed seasonId, uint256 finalizationDeadline);
    event EntrantRefunded(
        uint256 indexed seasonId, uint256 indexed entrantIndex, address indexed wallet, uint256 amount
    );
    /// @notice The treasury received the season's protocol fee (from the arena) and its unclaimed
    /// rewards (from the pot); nothing else of the season's fees ever reaches it.
    event SeasonSwept(uint256 indexed seasonId, address indexed treasury, uint256 protocolFee, uint256 unclaimed);
    event TreasuryUpdated(address indexed previousTreasury, address indexed treasury);

    // ---------------------------------------------------------------- errors

    error ZeroTreasury();
    error InvalidPayoutFactory(address factory);
    error SeasonNotFound(uint256 seasonId);
    /// @param expected the status (or first of the statuses) the action needs
    error InvalidSeasonStatus(uint256 seasonId, SeasonStatus status, SeasonStatus expected);
    error NotRefundable(uint256 seasonId, SeasonStatus status);
    error NotCancellable(uint256 seasonId, SeasonStatus status);
    error UnexpectedEther(address from, uint256 amount);

    // createSeason
    error InvalidAsset(address asset);
    error EntryFeeTooLarge(uint256 entryFee, uint256 maxEntrants, uint256 limit);
    error InvalidEntryWindow(uint256 entryOpensAt, uint256 entryClosesAt, uint256 nowTimestamp);
    error InvalidSeasonWindow(uint256 entryClosesAt, uint256 startsAt, uint256 endsAt);
    error InvalidRoundCount(uint256 roundCount, uint256 max);
    error InvalidMaxEntrants(uint256 maxEntrants, uint256 max);
    error InvalidMaxEntriesPerWallet(uint256 maxEntriesPerWallet, uint256 maxEntrants, uint256 max);
    error ProtocolFeeTooHigh(uint256 protocolFeeBps, uint256 max);
    error InvalidDisputeWindow(uint256 disputeWindow, uint256 min, uint256 max);
    error InvalidFinalizationDeadline(uint256 finalizationDeadline, uint256 earliest, uint256 latest);
    error InvalidClaimDeadline(uint256 claimDeadline, uint256 earliest, uint256 latest);
    error ZeroRulesHash();

    // entries
    error EntryNotOpen(uint256 seasonId, uint256 nowTimestamp, uint256 entryOpensAt, uint256 entryClosesAt);
    error SeasonFull(uint256 seasonId, uint256 maxEntrants);
    error TooManyEntries(uint256 seasonId, address wallet, uint256 maxEntriesPerWallet);
    error WrongPayment(uint256 expected, uint256 sent);
    error PermitFailed(address asset, address owner, uint256 amount);
    error FeeOnTransferNotSupported(address asset, uint256 expected, uint256 received);
    error ZeroConfigHash();
    error EntrantNotFound(uint256 seasonId, uint256 entrantIndex);
    error NotEntrantWallet(uint256 seasonId, uint256 entrantIndex, address wallet, address caller);
    error EntrantNotActive(uint256 seasonId, uint256 entrantIndex, EntrantStatus status);
    error ConfigFrozen(uint256 seasonId, uint256 startsAt, uint256 nowTimestamp);

    // rounds and finalization
    error RoundOutOfOrder(uint256 seasonId, uint256 roundIndex, uint256 expectedRoundIndex);
    error AllRoundsCommitted(uint256 seasonId, uint256 roundCount);
    error CommitWindowClosed(uint256 seasonId, uint256 nowTimestamp, uint256 startsAt, uint256 commitDeadline);
    error RoundsMissing(uint256 seasonId, uint256 roundsCommitted, uint256 roundCount);
    error ZeroResultsRoot();
    error ZeroArtifactDigest();
    error EmptyArtifactUri();
    /// @notice finalize's `totalPayout` is not `received - protocolFee`: the payout must distribute
    /// every fee the season received except the protocol fee, no more and no less.
    error PayoutMismatch(uint256 totalPayout, uint256 protocolFee, uint256 received);

    // ---------------------------------------------------------------- constants

    /// @notice Hard cap on a season's protocol fee: 20%.
    function MAX_PROTOCOL_FEE_BPS() external view returns (uint256);
    /// @notice Rounds may be committed until `endsAt` plus this grace period.
    function ROUND_COMMIT_GRACE() external view returns (uint256);
    function OPERATOR_ROLE() external view returns (bytes32);
    /// @notice Creates the SeasonPayout of each finalized season.
    function PAYOUT_FACTORY() external view returns (ISeasonPayoutFactory);
    function GUARDIAN_ROLE() external view returns (bytes32);

    // ---------------------------------------------------------------- operator

    /// @notice Creates a season (operator role, not while paused). Every parameter is checked; a bad
    /// one reverts with an error carrying the offending values.
    /// @param metadataURI where the season's description lives; emitted, not stored
    /// @return seasonId the new season's id, counting from 1
    function createSeason(SeasonParams calldata params, string calldata metadataURI)
        external
        returns (uint256 seasonId);

    /// @notice Commits round `roundIndex` (operator role): rounds go strictly in order, each exactly
    /// once, between `startsAt` and `endsAt + ROUND_COMMIT_GRACE`. Stores one hash whatever the number
    /// of trades: the rounds hash chain `roundsHead = roundChainLink(roundsHead, ...)`.
    function commitRound(
        uint256 seasonId,
        uint256 roundIndex,
        bytes32 recordsRoot,
        bytes32 standingsRoot,
        bytes32 artifactDigest,
        string calldata artifactUri
    ) external;

    /// @notice Finalizes a season after its last round (operator role, by `finalizationDeadline`):
    /// requires `totalPayout + protocolFee == received` (`received = activeEntrants * entryFee`,
    /// `protocolFee = floor(received * protocolFeeBps / 10_000)`), else `PayoutMismatch`; creates the
    /// season's SeasonPayout funded with `totalPayout`, and opens the dispute window. The players are
    /// paid every fee but the protocol fee: when no entrant qualifies for a reward, a season that
    /// received fees cannot be finalized and ends in refunds (`cancelSeason` by the operator or a
    /// guardian, or the finalization deadline passing).
    /// @param resultsRoot root of the StandardMerkleTree of result leaves (see `resultLeaf`)
    /// @param totalPayout the sum of the tree's rewards: exactly `received - protocolFee`
    /// @return payout the season's SeasonPayout contract
    function finalize(
        uint256 seasonId,
        bytes32 resultsRoot,
        uint256 totalPayout,
        bytes32 artifactDigest,
        string calldata artifactUri
    ) external returns (address payout);

    /// @notice Cancels a season that is not finalized (operator or guardian role): entry closes,
    /// every active entrant may take their fee back with `refund`.
    function cancelSeason(uint256 seasonId, string calldata reason) external;

    // ---------------------------------------------------------------- guardian

    /// @notice Voids finalized results during the dispute window (guardian role): the payout returns
    /// to the arena and every entrant may take their fee back.
    function voidSeason(uint256 seasonId, string calldata reason) external;

    /// @notice Stops season creation and entry (guardian role). Claims, refunds, withdrawals and
    /// sweeps are never paused.
    function pause() external;

    function unpause() external;

    // ---------------------------------------------------------------- admin

    /// @notice Where swept fees and unclaimed rewards go (admin role).
    function setTreasury(address treasury) external;

    // ---------------------------------------------------------------- players

    /// @notice Enters a season with `configHash`, the hash of the agent's configuration, paying the
    /// entry fee in ETH (`msg.value`) or, for an ERC-20 season, by `transferFrom` after an approval.
    /// @return entrantIndex the entry's index: its leaf index in the claim bitmap
    function enter(uint256 seasonId, bytes32 configHash) external payable returns (uint256 entrantIndex);

    /// @notice `enter` for an ERC-20 season with an EIP-2612 permit, in one transaction. A failed
    /// permit is ignored when the allowance already covers the fee (a front-run permit stays harmless).
    function enterWithPermit(uint256 seasonId, bytes32 configHash, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        returns (uint256 entrantIndex);

    /// @notice Replaces the entry's config hash; only its wallet, only before `startsAt`.
    function updateConfigHash(uint256 seasonId, uint256 entrantIndex, bytes32 configHash) external;

    /// @notice Leaves the season with a full refund; only the entry's wallet, only before `startsAt`.
    function withdrawEntry(uint256 seasonId, uint256 entrantIndex) external;

    /// @notice Pays the entry fee back to the entry's wallet when the season is Cancelled, Voided or
    /// FinalizationMissed; only that wallet may call. No role can block it.
    function refund(uint256 seasonId, uint256 entrantIndex) external;

    /// @notice Records that the finalization deadline passed without finalization (anyone).
    /// `refund` does it by itself when needed; this only makes it visible at once.
    function markFinalizationMissed(uint256 seasonId) external;

    /// @notice Claims the caller's rewards in several seasons at once. Each claim is paid by the
    /// season's SeasonPayout to the caller, whose address must be the leaf's wallet.
    function claimMany(ClaimRequest[] calldata requests) external;

    /// @notice After `claimDeadline` (anyone): sends the protocol fee and the unclaimed rewards of a
    /// finalized season to the treasury.
    function sweep(uint256 seasonId) external;

    // ---------------------------------------------------------------- views

    function treasury() external view returns (address);
    function seasonCount() external view returns (uint256);
    function seasonStatus(uint256 seasonId) external view returns (SeasonStatus);
    function getSeason(uint256 seasonId) external view returns (SeasonView memory);
    function getEntrant(uint256 seasonId, uint256 entrantIndex) external view returns (Entrant memory);

    /// @notice Indices of the wallet's entries in the season, in no particular order. Withdrawn entries
    /// drop out (a withdrawal frees a place under the per-wallet cap); refunded ones stay.
    function entrantsOf(uint256 seasonId, address wallet) external view returns (uint256[] memory);

    function payoutOf(uint256 seasonId) external view returns (address);
    function isClaimed(uint256 seasonId, uint256 entrantIndex) external view returns (bool);

    /// @notice The first value of a season's rounds hash chain.
    function roundChainGenesis(uint256 seasonId) external view returns (bytes32);

    /// @notice One step of the rounds hash chain:
    /// `keccak256(abi.encode(previousHead, roundIndex, recordsRoot, standingsRoot, artifactDigest))`.
    function roundChainLink(
        bytes32 previousHead,
        uint256 roundIndex,
        bytes32 recordsRoot,
        bytes32 standingsRoot,
        bytes32 artifactDigest
    ) external pure returns (bytes32);

    /// @notice The StandardMerkleTree leaf hash of a result of this arena on this chain:
    /// `keccak256(bytes.concat(keccak256(abi.encode(block.chainid, address(this), seasonId,
    /// entrantIndex, wallet, rank, score, reward))))`.
    function resultLeaf(
        uint256 seasonId,
        uint256 entrantIndex,
        address wallet,
        uint256 rank,
        int256 score,
        uint256 reward
    ) external view returns (bytes32);
}
