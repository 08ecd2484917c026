// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

// Lengths are bounded by the caller's limit; comparisons read as the bounds are stated.
// solhint-disable gas-strict-inequalities

/// @title The entrant indices a wallet holds in one season, packed.
/// @notice Word 0 holds the count in its low 8 bits and the first 10 indices (24 bits each) above
/// it; every further word holds 10 more. A wallet's first entry therefore fills one storage slot, not
/// two (length + element) as a `uint256[]` would. Order is not kept: `remove` moves the last index
/// into the gap.
library WalletEntries {
    struct List {
        mapping(uint256 word => uint256) words;
    }

    uint256 internal constant MAX_LENGTH = 255;
    uint256 private constant LANES_IN_FIRST_WORD = 10;
    uint256 private constant LANES_PER_WORD = 10;
    uint256 private constant LANE_MASK = 0xffffff;

    /// @notice Appends `entrantIndex` unless the list already holds `limit` indices; reads the first word
    /// once (the length check and the append share it).
    /// @dev The caller keeps `limit <= MAX_LENGTH` and the index within 24 bits.
    /// @return appended false when the list was full
    function tryPush(List storage list, uint256 entrantIndex, uint256 limit) internal returns (bool appended) {
        uint256 first = list.words[0];
        uint256 count = first & 0xff;
        if (count >= limit) return false;
        (uint256 word, uint256 shift) = _position(count);
        // count < limit <= 255, so count + 1 stays within the 8 length bits.
        if (word == 0) {
            // One write: the length and the new lane share the first word.
            list.words[0] = (first & ~uint256(0xff)) | (count + 1) | (entrantIndex << shift);
        } else {
            list.words[0] = (first & ~uint256(0xff)) | (count + 1);
            list.words[word] |= entrantIndex << shift;
        }
        return true;
    }

    /// @dev Reverts (panics) when the index is not in the list; callers only remove what they put in.
    function remove(List storage list, uint256 entrantIndex) internal {
        uint256 count = list.words[0] & 0xff;
        uint256 last = _get(list, count - 1);
        uint256 position = 0;
        while (_get(list, position) != entrantIndex) {
            ++position;
        }
        _set(list, position, last);
        _set(list, count - 1, 0);
        list.words[0] = (list.words[0] & ~uint256(0xff)) | (count - 1);
    }

    function values(List storage list) internal view returns (uint256[] memory indices) {
        uint256 count = list.words[0] & 0xff;
        indices = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            indices[i] = _get(list, i);
        }
    }

    function _get(List storage list, uint256 position) private view returns (uint256) {
        (uint256 word, uint256 shift) = _position(position);
        return (list.words[word] >> shift) & LANE_MASK;
    }

    function _set(List storage list, uint256 position, uint256 entrantIndex) private {
        (uint256 word, uint256 shift) = _position(position);
        list.words[word] = (list.words[word] & ~(LANE_MASK << shift)) | (entrantIndex << shift);
    }

    function _position(uint256 position) private pure returns (uint256 word, uint256 shift) {
        if (position < LANES_IN_FIRST_WORD) return (0, 8 + 24 * position);
        // unchecked: position >= LANES_IN_FIRST_WORD, so the subtraction cannot underflow, and
        // position <= 255 keeps the products small.
        unchecked {
            uint256 rest = position - LANES_IN_FIRST_WORD;
            return (1 + rest / LANES_PER_WORD, 24 * (rest % LANES_PER_WORD));
        }
    }
}
