// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IPodiumArena} from "./interfaces/IPodiumArena.sol";
import {ISeasonPayout} from "./interfaces/ISeasonPayout.sol";
import {ISeasonPayoutFactory} from "./interfaces/ISeasonPayoutFactory.sol";
import {ResultLeaf} from "./libraries/ResultLeaf.sol";
import {RoundChain} from "./libraries/RoundChain.sol";
import {SeasonParamsValidation as Limits} from "./libraries/SeasonParamsValidation.sol";
import {WalletEntries} from "./libraries/WalletEntries.sol";

// Windows and deadlines are inclusive or exclusive as IPodiumArena specifies; they read as specified.
// solhint-disable gas-strict-inequalities

/// @title PodiumArena
/// @notice Podium's trust anchor: seasons with entry fees, frozen agent configs, per-round
/// commitments, finalization that pays the players every fee but the capped protocol fee, a dispute
/// window, Merkle reward claims (paid by one SeasonPayout per season) and refunds that no role can block.
/// @dev Storage is packed for the hot paths: `enter` reads and rewrites one season slot
/// (`EntryState`), `commitRound` one (`Schedule`) plus the rounds chain head.
contract PodiumArena is IPodiumArena, AccessControlDefaultAdminRules, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using WalletEntries for WalletEntries.List;

    /// @inheritdoc IPodiumArena
    bytes32 public constant OPERATOR_ROLE = keccak256("PODIUM_OPERATOR_ROLE");
    /// @inheritdoc IPodiumArena
    bytes32 public constant GUARDIAN_ROLE = keccak256("PODIUM_GUARDIAN_ROLE");
    /// @inheritdoc IPodiumArena
    uint256 public constant MAX_PROTOCOL_FEE_BPS = Limits.MAX_PROTOCOL_FEE_BPS;
    /// @inheritdoc IPodiumArena
    uint256 public constant ROUND_COMMIT_GRACE = Limits.ROUND_COMMIT_GRACE;

    uint256 private constant BPS = 10_000;

    /// @inheritdoc IPodiumArena
    ISeasonPayoutFactory public immutable PAYOUT_FACTORY;

    // EntryState.flags
    uint8 private constant FLAG_NATIVE = 1;
    uint8 private constant FLAG_CANCELLED = 2;
    /// @dev Adds 1 to EntryState.entrantCount (bits 168-191) and to EntryState.activeEntrants (bits
    /// 192-215) in one write; PodiumArena.entry.test.ts pins these offsets against the stored word.
    uint256 private constant ENTRY_COUNTERS_INCREMENT = (1 << 168) | (1 << 192);

    // Schedule.state: what happened to the season; the status adds the clock (see _status).
    uint8 private constant STATE_OPEN = 0;
    uint8 private constant STATE_FINALIZED = 1;
    uint8 private constant STATE_CANCELLED = 2;
    uint8 private constant STATE_VOIDED = 3;
    uint8 private constant STATE_FINALIZATION_MISSED = 4;
    uint8 private constant STATE_SWEPT = 5;

    /// @dev One slot, all `enter` needs: read once, written once.
    struct EntryState {
        uint88 entryFee;
        uint40 entryOpensAt;
        uint40 entryClosesAt;
        uint24 entrantCount;
        uint24 activeEntrants;
        uint24 maxEntrants;
        uint8 maxEntriesPerWallet;
        uint8 flags;
    }

    /// @dev One slot, all `commitRound` and the status need.
    struct Schedule {
        uint40 startsAt;
        uint40 endsAt;
        uint40 finalizationDeadline;
        uint40 claimDeadline;
        uint32 disputeWindow;
        uint16 roundCount;
        uint16 roundsCommitted;
        uint16 protocolFeeBps;
        uint8 state;
    }

    struct Settlement {
        address payout;
        uint40 disputeEndsAt;
        uint24 refundedCount;
    }

    struct Season {
        EntryState entry;
        Schedule schedule;
        Settlement settlement;
        address asset;
        uint96 totalPayout;
        bytes32 rulesHash;
        bytes32 roundsHead;
        bytes32 resultsRoot;
    }

    /// @dev One slot for the wallet, the amount received and the status; the config hash in the next.
    struct EntrantRecord {
        address wallet;
        uint88 paid;
        EntrantStatus status;
        bytes32 configHash;
    }

    address private _treasury;
    uint256 private _seasonCount;
    mapping(uint256 seasonId => Season) private _seasons;
    mapping(uint256 seasonId => mapping(uint256 entrantIndex => EntrantRecord)) private _entrants;
    mapping(uint256 seasonId => mapping(address wallet => WalletEntries.List)) private _walletEntries;

    /// @dev The one address allowed to send ETH to the arena, set only while a voided pot is recalled.
    address private transient _expectedEtherSender;

    /// @param payoutFactory creates each finalized season's SeasonPayout
    /// @param admin holder of DEFAULT_ADMIN_ROLE, transferable in two steps after `adminDelay` seconds
    /// @param operator first holder of OPERATOR_ROLE (creates, commits, finalizes); zero for none yet
    /// @param guardian first holder of GUARDIAN_ROLE (voids, cancels, pauses); zero for none yet
    /// @param treasury_ receiver of protocol fees and unclaimed rewards
    constructor(
        ISeasonPayoutFactory payoutFactory,
        address admin,
        uint48 adminDelay,
        address operator,
        address guardian,
        address treasury_
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (address(payoutFactory).code.length == 0) revert InvalidPayoutFactory(address(payoutFactory));
        if (treasury_ == address(0)) revert ZeroTreasury();
        PAYOUT_FACTORY = payoutFactory;
        if (operator != address(0)) _grantRole(OPERATOR_ROLE, operator);
        if (guardian != address(0)) _grantRole(GUARDIAN_ROLE, guardian);
        _treasury = treasury_;
        emit TreasuryUpdated(address(0), treasury_);
    }

    /// @dev ETH only comes in with entries, through `enter`, or back from a voided pot.
    receive() external payable {
        if (msg.sender != _expectedEtherSender) revert UnexpectedEther(msg.sender, msg.value);
    }

    // ================================================================ operator

    /// @inheritdoc IPodiumArena
    function createSeason(SeasonParams calldata params, string calldata metadataURI)
        external
        onlyRole(OPERATOR_ROLE)
        whenNotPaused
        returns (uint256 seasonId)
    {
        Limits.validate(params, block.timestamp);
        seasonId = ++_seasonCount;
        Season storage season = _seasons[seasonId];
        // The casts are safe: validate() bounded every value to its field's width.
        season.entry = EntryState({
            entryFee: uint88(params.entryFee),
            entryOpensAt: uint40(params.entryOpensAt),
            entryClosesAt: uint40(params.entryClosesAt),
            entrantCount: 0,
            activeEntrants: 0,
            maxEntrants: uint24(params.maxEntrants),
            maxEntriesPerWallet: uint8(params.maxEntriesPerWallet),
            flags: params.asset == address(0) ? FLAG_NATIVE : 0
        });
        season.schedule = Schedule({
            startsAt: uint40(params.startsAt),
            endsAt: uint40(params.endsAt),
            finalizationDeadline: uint40(params.finalizationDeadline),
            claimDeadline: uint40(params.claimDeadline),
            disputeWindow: uint32(params.disputeWindow),
            roundCount: uint16(params.roundCount),
            roundsCommitted: 0,
            protocolFeeBps: uint16(params.protocolFeeBps),
            state: STATE_OPEN
        });
        if (params.asset != address(0)) season.asset = params.asset;
        season.rulesHash = params.rulesHash;
        season.roundsHead = RoundChain.genesis(block.chainid, address(this), seasonId, params.rulesHash);
        emit SeasonCreated(seasonId, params.asset, params, metadataURI);
    }

    /// @inheritdoc IPodiumArena
    function commitRound(
        uint256 seasonId,
        uint256 roundIndex,
        bytes32 recordsRoot,
        bytes32 standingsRoot,
        bytes32 artifactDigest,
        string calldata artifactUri
    ) external onlyRole(OPERATOR_ROLE) {
        Season storage season = _seasons[seasonId];
        Schedule memory schedule = season.schedule;
        if (schedule.startsAt == 0) revert SeasonNotFound(seasonId);
        if (schedule.state != STATE_OPEN) revert InvalidSeasonStatus(seasonId, _status(season), SeasonStatus.Running);
        uint256 commitDeadline = uint256(schedule.endsAt) + ROUND_COMMIT_GRACE;
        if (block.timestamp < schedule.startsAt || block.timestamp > commitDeadline) {
            revert CommitWindowClosed(seasonId, block.timestamp, schedule.startsAt, commitDeadline);
        }
        if (schedule.roundsCommitted == schedule.roundCount) revert AllRoundsCommitted(seasonId, schedule.roundCount);
        if (roundIndex != schedule.roundsCommitted) {
            revert RoundOutOfOrder(seasonId, roundIndex, schedule.roundsCommitted);
        }
        if (artifactDigest == bytes32(0)) revert ZeroArtifactDigest();
        if (bytes(artifactUri).length == 0) revert EmptyArtifactUri();

        bytes32 head = RoundChain.link(season.roundsHead, roundIndex, recordsRoot, standingsRoot, artifactDigest);
        season.roundsHead = head;
        // roundIndex < roundCount <= type(uint16).max, so roundIndex + 1 fits.
        season.schedule.roundsCommitted = uint16(roundIndex + 1);
        emit RoundCommitted(seasonId, roundIndex, recordsRoot, standingsRoot, artifactDigest, artifactUri, head);
    }

    /// @inheritdoc IPodiumArena
    function finalize(
        uint256 seasonId,
        bytes32 resultsRoot,
        uint256 totalPayout,
        bytes32 artifactDigest,
        string calldata artifactUri
    ) external onlyRole(OPERATOR_ROLE) nonReentrant returns (address payout) {
        Season storage season = _seasons[seasonId];
        uint256 protocolFee =
            _checkFinalization(seasonId, season, resultsRoot, totalPayout, artifactDigest, artifactUri);
        uint256 disputeEndsAt = block.timestamp + season.schedule.disputeWindow;
        season.schedule.state = STATE_FINALIZED;
        season.resultsRoot = resultsRoot;
        // received <= MAX_SEASON_AMOUNT (validated at creation), so totalPayout fits 96 bits.
        season.totalPayout = uint96(totalPayout);
        address asset = season.asset;
        payout = PAYOUT_FACTORY.create{value: asset == address(0) ? totalPayout : 0}(
            seasonId, asset, resultsRoot, disputeEndsAt, season.schedule.claimDeadline
        );
        // disputeEndsAt <= finalizationDeadline + disputeWindow < 2^40 (validated at creation).
        season.settlement = Settlement({payout: payout, disputeEndsAt: uint40(disputeEndsAt), refundedCount: 0});
        emit SeasonFinalized(
            seasonId, payout, resultsRoot, totalPayout, protocolFee, disputeEndsAt, artifactDigest, artifactUri
        );
        if (asset != address(0)) IERC20(asset).safeTransfer(payout, totalPayout);
    }

    /// @inheritdoc IPodiumArena
    function cancelSeason(uint256 seasonId, string calldata reason) external {
        if (!hasRole(OPERATOR_ROLE, msg.sender) && !hasRole(GUARDIAN_ROLE, msg.sender)) {
            revert AccessControlUnauthorizedAccount(msg.sender, OPERATOR_ROLE);
        }
        Season storage season = _seasons[seasonId];
        SeasonStatus status = _status(season);
        if (status == SeasonStatus.None) revert SeasonNotFound(seasonId);
        if (status > SeasonStatus.AwaitingFinalization) revert NotCancellable(seasonId, status);
        season.schedule.state = STATE_CANCELLED;
        season.entry.flags |= FLAG_CANCELLED;
        emit SeasonCancelled(seasonId, msg.sender, reason);
    }

    // ================================================================ guardian

    /// @inheritdoc IPodiumArena
    function voidSeason(uint256 seasonId, string calldata reason) external onlyRole(GUARDIAN_ROLE) nonReentrant {
        Season storage season = _seasons[seasonId];
        SeasonStatus status = _status(season);
        if (status != SeasonStatus.DisputeWindow) {
            revert InvalidSeasonStatus(seasonId, status, SeasonStatus.DisputeWindow);
        }
        season.schedule.state = STATE_VOIDED;
        address payout = season.settlement.payout;
        _expectedEtherSender = payout;
        uint256 recalled = ISeasonPayout(payout).recall();
        _expectedEtherSender = address(0);
        emit SeasonVoided(seasonId, msg.sender, recalled, reason);
    }

    /// @inheritdoc IPodiumArena
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IPodiumArena
    function unpause() external onlyRole(GUARDIAN_ROLE) {
        _unpause();
    }

    // ================================================================ admin

    /// @inheritdoc IPodiumArena
    function setTreasury(address treasury_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (treasury_ == address(0)) revert ZeroTreasury();
        emit TreasuryUpdated(_treasury, treasury_);
        _treasury = treasury_;
    }

    // ================================================================ players

    /// @inheritdoc IPodiumArena
    function enter(uint256 seasonId, bytes32 configHash)
        external
        payable
        whenNotPaused
        returns (uint256 entrantIndex)
    {
        return _enter(seasonId, configHash);
    }

    /// @inheritdoc IPodiumArena
    function enterWithPermit(uint256 seasonId, bytes32 configHash, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        whenNotPaused
        returns (uint256 entrantIndex)
    {
        Season storage season = _seasons[seasonId];
        address asset = season.asset;
        if (asset != address(0)) {
            // A permit seen in the mempool can be submitted first by anyone; the allowance is then already
            // there and the entry must still go through, so a failed permit only matters when the allowance
            // does not cover the fee.
            uint256 fee = season.entry.entryFee;
            try IERC20Permit(asset).permit(msg.sender, address(this), fee, deadline, v, r, s) {
                return _enter(seasonId, configHash);
            } catch {
                if (IERC20(asset).allowance(msg.sender, address(this)) < fee) {
                    revert PermitFailed(asset, msg.sender, fee);
                }
            }
        }
        return _enter(seasonId, configHash);
    }

    /// @inheritdoc IPodiumArena
    function updateConfigHash(uint256 seasonId, uint256 entrantIndex, bytes32 configHash) external {
        if (configHash == bytes32(0)) revert ZeroConfigHash();
        Season storage season = _seasons[seasonId];
        EntrantRecord storage entrant = _activeEntrantOfCaller(seasonId, entrantIndex);
        _requireBeforeStart(seasonId, season);
        bytes32 previous = entrant.configHash;
        entrant.configHash = configHash;
        emit ConfigHashUpdated(seasonId, entrantIndex, previous, configHash);
    }

    /// @inheritdoc IPodiumArena
    function withdrawEntry(uint256 seasonId, uint256 entrantIndex) external nonReentrant {
        Season storage season = _seasons[seasonId];
        EntrantRecord storage entrant = _activeEntrantOfCaller(seasonId, entrantIndex);
        _requireBeforeStart(seasonId, season);
        uint256 amount = entrant.paid;
        entrant.status = EntrantStatus.Withdrawn;
        // The entry was active, so activeEntrants >= 1.
        unchecked {
            --season.entry.activeEntrants;
        }
        _walletEntries[seasonId][msg.sender].remove(entrantIndex);
        emit EntrantWithdrew(seasonId, entrantIndex, msg.sender, amount);
        _pay(season.asset, msg.sender, amount);
    }

    /// @inheritdoc IPodiumArena
    function refund(uint256 seasonId, uint256 entrantIndex) external nonReentrant {
        Season storage season = _seasons[seasonId];
        SeasonStatus status = _status(season);
        if (
            status != SeasonStatus.Cancelled && status != SeasonStatus.Voided
                && status != SeasonStatus.FinalizationMissed
        ) revert NotRefundable(seasonId, status);
        _recordFinalizationMissed(seasonId, season, status);
        EntrantRecord storage entrant = _activeEntrantOfCaller(seasonId, entrantIndex);
        uint256 amount = entrant.paid;
        entrant.status = EntrantStatus.Refunded;
        // At most activeEntrants (< 2^24) entries are ever refunded.
        unchecked {
            ++season.settlement.refundedCount;
        }
        emit EntrantRefunded(seasonId, entrantIndex, msg.sender, amount);
        _pay(season.asset, msg.sender, amount);
    }

    /// @inheritdoc IPodiumArena
    function markFinalizationMissed(uint256 seasonId) external {
        Season storage season = _seasons[seasonId];
        SeasonStatus status = _status(season);
        if (status != SeasonStatus.FinalizationMissed) {
            revert InvalidSeasonStatus(seasonId, status, SeasonStatus.FinalizationMissed);
        }
        _recordFinalizationMissed(seasonId, season, status);
    }

    /// @inheritdoc IPodiumArena
    function claimMany(ClaimRequest[] calldata requests) external nonReentrant {
        for (uint256 i = 0; i < requests.length; ++i) {
            ClaimRequest calldata request = requests[i];
            Season storage season = _seasons[request.seasonId];
            SeasonStatus status = _status(season);
            if (status != SeasonStatus.Claimable) {
                revert InvalidSeasonStatus(request.seasonId, status, SeasonStatus.Claimable);
            }
            ISeasonPayout(season.settlement.payout).claimFor(
                msg.sender, request.entrantIndex, request.rank, request.score, request.reward, request.proof
            );
        }
    }

    /// @inheritdoc IPodiumArena
    function sweep(uint256 seasonId) external nonReentrant {
        Season storage season = _seasons[seasonId];
        SeasonStatus status = _status(season);
        if (status != SeasonStatus.ClaimsClosed) {
            revert InvalidSeasonStatus(seasonId, status, SeasonStatus.ClaimsClosed);
        }
        season.schedule.state = STATE_SWEPT;
        // finalize() moved exactly received - protocolFee to the pot and nothing was refunded since, so
        // the arena holds exactly the protocol fee for this season.
        (, uint256 protocolFee) = _feesOf(season);
        address treasury_ = _treasury;
        uint256 unclaimed = ISeasonPayout(season.settlement.payout).sweep(treasury_);
        emit SeasonSwept(seasonId, treasury_, protocolFee, unclaimed);
        _pay(season.asset, treasury_, protocolFee);
    }

    // ================================================================ views

    /// @inheritdoc IPodiumArena
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IPodiumArena
    function seasonCount() external view returns (uint256) {
        return _seasonCount;
    }

    /// @inheritdoc IPodiumArena
    function seasonStatus(uint256 seasonId) external view returns (SeasonStatus) {
        return _status(_seasons[seasonId]);
    }

    /// @inheritdoc IPodiumArena
    function getSeason(uint256 seasonId) external view returns (SeasonView memory view_) {
        Season storage season = _seasons[seasonId];
        EntryState memory entry = season.entry;
        Schedule memory schedule = season.schedule;
        Settlement memory settlement = season.settlement;
        view_.params = SeasonParams({
            asset: season.asset,
            entryFee: entry.entryFee,
            entryOpensAt: entry.entryOpensAt,
            entryClosesAt: entry.entryClosesAt,
            startsAt: schedule.startsAt,
            endsAt: schedule.endsAt,
            roundCount: schedule.roundCount,
            maxEntrants: entry.maxEntrants,
            maxEntriesPerWallet: entry.maxEntriesPerWallet,
            protocolFeeBps: schedule.protocolFeeBps,
            disputeWindow: schedule.disputeWindow,
            finalizationDeadline: schedule.finalizationDeadline,
            claimDeadline: schedule.claimDeadline,
            rulesHash: season.rulesHash
        });
        view_.status = _status(season);
        view_.entrantCount = entry.entrantCount;
        view_.activeEntrants = entry.activeEntrants;
        view_.refundedCount = settlement.refundedCount;
        view_.roundsCommitted = schedule.roundsCommitted;
        view_.roundsHead = season.roundsHead;
        view_.resultsRoot = season.resultsRoot;
        view_.totalPayout = season.totalPayout;
        (, view_.protocolFee) = _feesOf(season);
        view_.payout = settlement.payout;
        view_.disputeEndsAt = settlement.disputeEndsAt;
    }

    /// @inheritdoc IPodiumArena
    function getEntrant(uint256 seasonId, uint256 entrantIndex) external view returns (Entrant memory) {
        EntrantRecord storage entrant = _entrants[seasonId][entrantIndex];
        if (entrant.wallet == address(0)) revert EntrantNotFound(seasonId, entrantIndex);
        return Entrant({
            wallet: entrant.wallet,
            configHash: entrant.configHash,
            paid: entrant.paid,
            status: entrant.status
        });
    }

    /// @inheritdoc IPodiumArena
    function entrantsOf(uint256 seasonId, address wallet) external view returns (uint256[] memory) {
        return _walletEntries[seasonId][wallet].values();
    }

    /// @inheritdoc IPodiumArena
    function payoutOf(uint256 seasonId) external view returns (address) {
        return _seasons[seasonId].settlement.payout;
    }

    /// @inheritdoc IPodiumArena
    function isClaimed(uint256 seasonId, uint256 entrantIndex) external view returns (bool) {
        address payout = _seasons[seasonId].settlement.payout;
        return payout != address(0) && ISeasonPayout(payout).isClaimed(entrantIndex);
    }

    /// @inheritdoc IPodiumArena
    function roundChainGenesis(uint256 seasonId) external view returns (bytes32) {
        return RoundChain.genesis(block.chainid, address(this), seasonId, _seasons[seasonId].rulesHash);
    }

    /// @inheritdoc IPodiumArena
    function roundChainLink(
        bytes32 previousHead,
        uint256 roundIndex,
        bytes32 recordsRoot,
        bytes32 standingsRoot,
        bytes32 artifactDigest
    ) external pure returns (bytes32) {
        return RoundChain.link(previousHead, roundIndex, recordsRoot, standingsRoot, artifactDigest);
    }

    /// @inheritdoc IPodiumArena
    function resultLeaf(
        uint256 seasonId,
        uint256 entrantIndex,
        address wallet,
        uint256 rank,
        int256 score,
        uint256 reward
    ) external view returns (bytes32) {
        return ResultLeaf.hash(block.chainid, address(this), seasonId, entrantIndex, wallet, rank, score, reward);
    }

    // ================================================================ internals

    function _enter(uint256 seasonId, bytes32 configHash) private returns (uint256 entrantIndex) {
        if (configHash == bytes32(0)) revert ZeroConfigHash();
        Season storage season = _seasons[seasonId];
        EntryState memory entry = season.entry;
        if (entry.entryOpensAt == 0) revert SeasonNotFound(seasonId);
        if (entry.flags & FLAG_CANCELLED != 0) {
            revert InvalidSeasonStatus(seasonId, SeasonStatus.Cancelled, SeasonStatus.EntryOpen);
        }
        if (block.timestamp < entry.entryOpensAt || block.timestamp >= entry.entryClosesAt) {
            revert EntryNotOpen(seasonId, block.timestamp, entry.entryOpensAt, entry.entryClosesAt);
        }
        if (entry.activeEntrants >= entry.maxEntrants || entry.entrantCount == type(uint24).max) {
            revert SeasonFull(seasonId, entry.maxEntrants);
        }
        bool native = entry.flags & FLAG_NATIVE != 0;
        uint256 expectedValue = native ? entry.entryFee : 0;
        if (msg.value != expectedValue) revert WrongPayment(expectedValue, msg.value);

        entrantIndex = entry.entrantCount;
        // The per-wallet cap is checked by the append itself, which reads the wallet's word only once.
        if (!_walletEntries[seasonId][msg.sender].tryPush(entrantIndex, entry.maxEntriesPerWallet)) {
            revert TooManyEntries(seasonId, msg.sender, entry.maxEntriesPerWallet);
        }
        // Both counters are below 2^24 - 1 (checked above), so they do not overflow.
        EntryState storage stored = season.entry;
        assembly ("memory-safe") {
            sstore(stored.slot, add(sload(stored.slot), ENTRY_COUNTERS_INCREMENT))
        }
        EntrantRecord storage record = _entrants[seasonId][entrantIndex];
        // wallet | paid << 160 | Active << 248: the record's first slot in one write (EntrantRecord's
        // layout; getEntrant reads each field back in PodiumArena.entry.test.ts).
        uint256 walletPaidStatus =
            uint256(uint160(msg.sender)) | (uint256(entry.entryFee) << 160) | (uint256(EntrantStatus.Active) << 248);
        assembly ("memory-safe") {
            sstore(record.slot, walletPaidStatus)
        }
        record.configHash = configHash;
        emit EntrantEntered(seasonId, msg.sender, entrantIndex, configHash);

        if (!native && entry.entryFee != 0) _pullExactly(IERC20(season.asset), entry.entryFee);
    }

    /// @dev Pulls `amount` from the caller and insists the arena received exactly that: a fee-on-transfer
    /// or otherwise deflationary token would leave the season owing more than it holds.
    /// The guard sits here, around the only external call of an entry: an ETH entry makes none, so it
    /// skips the guard's cost, and everything an entry writes is written before this call.
    function _pullExactly(IERC20 token, uint256 amount) private nonReentrant {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert FeeOnTransferNotSupported(address(token), amount, received);
    }

    function _pay(address asset, address to, uint256 amount) private {
        if (amount == 0) return;
        if (asset == address(0)) Address.sendValue(payable(to), amount);
        else IERC20(asset).safeTransfer(to, amount);
    }

    function _activeEntrantOfCaller(uint256 seasonId, uint256 entrantIndex)
        private
        view
        returns (EntrantRecord storage entrant)
    {
        entrant = _entrants[seasonId][entrantIndex];
        address wallet = entrant.wallet;
        if (wallet == address(0)) revert EntrantNotFound(seasonId, entrantIndex);
        if (wallet != msg.sender) revert NotEntrantWallet(seasonId, entrantIndex, wallet, msg.sender);
        if (entrant.status != EntrantStatus.Active) revert EntrantNotActive(seasonId, entrantIndex, entrant.status);
    }

    function _requireBeforeStart(uint256 seasonId, Season storage season) private view {
        Schedule memory schedule = season.schedule;
        if (schedule.state == STATE_CANCELLED) {
            revert InvalidSeasonStatus(seasonId, SeasonStatus.Cancelled, SeasonStatus.EntryClosed);
        }
        if (block.timestamp >= schedule.startsAt) revert ConfigFrozen(seasonId, schedule.startsAt, block.timestamp);
    }

    function _recordFinalizationMissed(uint256 seasonId, Season storage season, SeasonStatus status) private {
        if (status != SeasonStatus.FinalizationMissed || season.schedule.state == STATE_FINALIZATION_MISSED) return;
        season.schedule.state = STATE_FINALIZATION_MISSED;
        emit FinalizationMissed(seasonId, season.schedule.finalizationDeadline);
    }

    /// @dev Everything finalize() must refuse, in order; returns the protocol fee.
    function _checkFinalization(
        uint256 seasonId,
        Season storage season,
        bytes32 resultsRoot,
        uint256 totalPayout,
        bytes32 artifactDigest,
        string calldata artifactUri
    ) private view returns (uint256 protocolFee) {
        SeasonStatus status = _status(season);
        if (status != SeasonStatus.AwaitingFinalization) {
            revert InvalidSeasonStatus(seasonId, status, SeasonStatus.AwaitingFinalization);
        }
        Schedule memory schedule = season.schedule;
        if (schedule.roundsCommitted != schedule.roundCount) {
            revert RoundsMissing(seasonId, schedule.roundsCommitted, schedule.roundCount);
        }
        if (resultsRoot == bytes32(0)) revert ZeroResultsRoot();
        if (artifactDigest == bytes32(0)) revert ZeroArtifactDigest();
        if (bytes(artifactUri).length == 0) revert EmptyArtifactUri();
        uint256 received;
        (received, protocolFee) = _feesOf(season);
        // Exactly, not at most: the players' share is every fee but the capped protocol fee, so a smaller
        // payout, whose rest could only end with the treasury, is refused. Compared as a difference
        // (protocolFee <= received) so that no calldata value can overflow.
        if (totalPayout != received - protocolFee) revert PayoutMismatch(totalPayout, protocolFee, received);
    }

    /// @dev What the season received from its active entrants (every entry paid exactly the fee), and
    /// the protocol's share of it, rounded down.
    function _feesOf(Season storage season) private view returns (uint256 received, uint256 protocolFee) {
        EntryState memory entry = season.entry;
        received = uint256(entry.activeEntrants) * entry.entryFee;
        protocolFee = received * season.schedule.protocolFeeBps / BPS;
    }

    function _status(Season storage season) private view returns (SeasonStatus) {
        EntryState memory entry = season.entry;
        if (entry.entryOpensAt == 0) return SeasonStatus.None;
        Schedule memory schedule = season.schedule;
        uint8 state = schedule.state;
        if (state == STATE_CANCELLED) return SeasonStatus.Cancelled;
        if (state == STATE_VOIDED) return SeasonStatus.Voided;
        if (state == STATE_SWEPT) return SeasonStatus.Swept;
        if (state == STATE_FINALIZATION_MISSED) return SeasonStatus.FinalizationMissed;
        if (state == STATE_FINALIZED) {
            if (block.timestamp < season.settlement.disputeEndsAt) return SeasonStatus.DisputeWindow;
            if (block.timestamp <= schedule.claimDeadline) return SeasonStatus.Claimable;
            return SeasonStatus.ClaimsClosed;
        }
        if (block.timestamp > schedule.finalizationDeadline) return SeasonStatus.FinalizationMissed;
        if (block.timestamp < entry.entryOpensAt) return SeasonStatus.Upcoming;
        if (block.timestamp < entry.entryClosesAt) return SeasonStatus.EntryOpen;
        if (block.timestamp < schedule.startsAt) return SeasonStatus.EntryClosed;
        if (block.timestamp < schedule.endsAt) return SeasonStatus.Running;
        return SeasonStatus.AwaitingFinalization;
    }
}
