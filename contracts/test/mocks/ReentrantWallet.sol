// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @dev A smart wallet that, when it receives ETH, calls back into a target once with prepared calldata
/// and bubbles up any failure: the attacker of the reentrancy tests. `execute` makes it act (enter,
/// claim, refund) as the msg.sender the arena and the payout see.
contract ReentrantWallet {
    address public reentryTarget;
    bytes public reentryData;
    uint256 public reentries;

    function setReentry(address target, bytes calldata data) external {
        reentryTarget = target;
        reentryData = data;
    }

    function execute(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) _bubble(result);
        return result;
    }

    receive() external payable {
        if (reentryData.length == 0 || reentries > 0) return;
        ++reentries;
        (bool ok, bytes memory result) = reentryTarget.call(reentryData);
        if (!ok) _bubble(result);
    }

    function _bubble(bytes memory result) private pure {
        assembly ("memory-safe") {
            revert(add(result, 0x20), mload(result))
        }
    }
}
