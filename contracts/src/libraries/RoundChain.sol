// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title The hash chain of a season's round commitments.
/// @notice A season stores one 32-byte head instead of one record per round, so committing a round
/// rewrites a warm, non-zero slot (about 5,000 gas) instead of filling new ones (22,100 each): the
/// gas of `commitRound` depends neither on the trades nor on the round. The chain starts at a
/// genesis bound to the chain, the arena, the season and its rules; each round extends it. Given the
/// rounds' values (all in the RoundCommitted events), anyone recomputes the head and compares.
library RoundChain {
    /// @notice `keccak256(abi.encode(chainId, arena, seasonId, rulesHash))`: never zero in practice,
    /// so the first commit already rewrites a non-zero slot.
    function genesis(uint256 chainId, address arena, uint256 seasonId, bytes32 rulesHash)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(chainId, arena, seasonId, rulesHash));
    }

    /// @notice `keccak256(abi.encode(previousHead, roundIndex, recordsRoot, standingsRoot, artifactDigest))`.
    function link(
        bytes32 previousHead,
        uint256 roundIndex,
        bytes32 recordsRoot,
        bytes32 standingsRoot,
        bytes32 artifactDigest
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(previousHead, roundIndex, recordsRoot, standingsRoot, artifactDigest));
    }
}
