// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ISeasonPayoutFactory} from "./interfaces/ISeasonPayoutFactory.sol";
import {SeasonPayout} from "./SeasonPayout.sol";

/// @title Creates SeasonPayout pots for arenas.
/// @notice Keeps SeasonPayout's creation code out of PodiumArena, which would otherwise pass the
/// 24,576-byte contract size limit. Stateless and open to anyone: a pot always belongs to the
/// contract that asked for it (`msg.sender` becomes its `arena`, which is also part of every leaf's
/// domain), so a pot created by someone else can neither claim to be an arena's nor be funded by it.
contract SeasonPayoutFactory is ISeasonPayoutFactory {
    /// @inheritdoc ISeasonPayoutFactory
    function create(uint256 seasonId, address asset, bytes32 resultsRoot, uint256 claimsOpenAt, uint256 claimDeadline)
        external
        payable
        returns (address payout)
    {
        payout = address(
            new SeasonPayout{value: msg.value}(msg.sender, seasonId, asset, resultsRoot, claimsOpenAt, claimDeadline)
        );
    }
}
