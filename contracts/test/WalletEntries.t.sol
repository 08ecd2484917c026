// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {PRBTest} from "@prb/test/src/PRBTest.sol";
import {WalletEntries} from "../src/libraries/WalletEntries.sol";

/// @dev The packed list against a plain array doing the same pushes and swap-removals.
contract WalletEntriesTest is PRBTest {
    using WalletEntries for WalletEntries.List;

    WalletEntries.List private _list;
    uint256[] private _model;

    /// @param ops each byte is one operation: below 160 a push, otherwise a removal (of the entry chosen by the byte)
    function testFuzz_behavesLikeAnArray(bytes calldata ops, uint24 seed) external {
        uint256 limit = 25;
        uint256 next = seed;
        for (uint256 i = 0; i < ops.length && i < 120; ++i) {
            uint8 op = uint8(ops[i]);
            if (op < 160) {
                uint256 index = next % (1 << 24);
                next = uint256(keccak256(abi.encode(next)));
                bool appended = _list.tryPush(index, limit);
                assertEq(appended, _model.length < limit, "tryPush accepted past the limit or refused below it");
                if (appended) _model.push(index);
            } else if (_model.length > 0) {
                uint256 position = op % _model.length;
                uint256 removed = _model[position];
                // Only distinct indices are removed by value: skip duplicates the random draw produced.
                if (_count(removed) != 1) continue;
                _list.remove(removed);
                _model[position] = _model[_model.length - 1];
                _model.pop();
            }
            _assertSame();
        }
    }

    function test_fillsTheFirstWordThenTheNext() external {
        for (uint256 i = 0; i < 21; ++i) {
            assertTrue(_list.tryPush(i + 100, 255));
            _model.push(i + 100);
        }
        _assertSame();
        assertFalse(_list.tryPush(1, 21), "a full list accepted one more");
        // The 21st index lives in the third word (10 + 10 + 1).
        _list.remove(100);
        _model[0] = _model[20];
        _model.pop();
        _assertSame();
    }

    function _count(uint256 value) private view returns (uint256 n) {
        for (uint256 i = 0; i < _model.length; ++i) {
            if (_model[i] == value) ++n;
        }
    }

    function _assertSame() private view {
        uint256[] memory values = _list.values();
        require(values.length == _model.length, "length differs from the model");
        for (uint256 i = 0; i < values.length; ++i) {
            require(values[i] == _model[i], "value differs from the model");
        }
    }
}
