// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Creates SeasonPayout pots for arenas.
interface ISeasonPayoutFactory {
    /// @notice Creates a pot whose `arena` is the caller, forwarding `msg.value` (a native season's payout).
    /// @return payout the new SeasonPayout
    function create(uint256 seasonId, address asset, bytes32 resultsRoot, uint256 claimsOpenAt, uint256 claimDeadline)
        external
        payable
        returns (address payout);
}
