import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, toHex } from "viem";
import { ADMIN_DELAY, arenaWithTokens, assertSameAddress, TEST_NETWORK, ZERO_ADDRESS } from "./helpers/arenaFixture.ts";

describe("PodiumArena: deployment, roles, treasury, pause", async () => {
  const { viem, networkHelpers } = await network.create(TEST_NETWORK);
  const setup = () => arenaWithTokens(viem, networkHelpers);

  it("grants the roles and sets the treasury and the payout factory given to the constructor", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const { arena } = fx;
    // Role ids are keccak256 of their names, as declared in PodiumArena.sol.
    assert.equal(await arena.read.OPERATOR_ROLE(), keccak256(toHex("PODIUM_OPERATOR_ROLE")));
    assert.equal(await arena.read.GUARDIAN_ROLE(), keccak256(toHex("PODIUM_GUARDIAN_ROLE")));
    assert.equal(await arena.read.hasRole([await arena.read.OPERATOR_ROLE(), fx.operator.account.address]), true);
    assert.equal(await arena.read.hasRole([await arena.read.GUARDIAN_ROLE(), fx.guardian.account.address]), true);
    assertSameAddress(await arena.read.defaultAdmin(), fx.admin.account.address);
    assert.equal(await arena.read.defaultAdminDelay(), Number(ADMIN_DELAY));
    assertSameAddress(await arena.read.treasury(), fx.treasury.account.address);
    assertSameAddress(await arena.read.PAYOUT_FACTORY(), fx.factory.address);
    assert.equal(await arena.read.seasonCount(), 0n);
    // The published limits: 20% fee cap and one day of grace for round commits (IPodiumArena NatSpec).
    assert.equal(await arena.read.MAX_PROTOCOL_FEE_BPS(), 2_000n);
    assert.equal(await arena.read.ROUND_COMMIT_GRACE(), 86_400n);
  });

  it("may start without an operator or a guardian, granted later by the admin", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const arena = await viem.deployContract("PodiumArena", [
      fx.factory.address,
      fx.admin.account.address,
      0,
      ZERO_ADDRESS,
      ZERO_ADDRESS,
      fx.treasury.account.address,
    ]);
    const operatorRole = await arena.read.OPERATOR_ROLE();
    assert.equal(await arena.read.hasRole([operatorRole, fx.operator.account.address]), false);
    await arena.write.grantRole([operatorRole, fx.operator.account.address]);
    assert.equal(await arena.read.hasRole([operatorRole, fx.operator.account.address]), true);
  });

  it("refuses a payout factory without code and a zero treasury", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const args = [
      fx.factory.address,
      fx.admin.account.address,
      0,
      ZERO_ADDRESS,
      ZERO_ADDRESS,
      fx.treasury.account.address,
    ] as const;
    const notAContract = fx.address(9);
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("PodiumArena", [notAContract, ...args.slice(1)] as never),
      fx.arena,
      "InvalidPayoutFactory",
      [notAContract],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      viem.deployContract("PodiumArena", [...args.slice(0, 5), ZERO_ADDRESS] as never),
      fx.arena,
      "ZeroTreasury",
      [],
    );
  });

  it("lets only the admin move the treasury, never to zero, and says so in an event", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const { arena } = fx;
    const next = fx.address(5);
    await viem.assertions.emitWithArgs(arena.write.setTreasury([next]), arena, "TreasuryUpdated", [
      fx.treasury.account.address,
      next,
    ]);
    assertSameAddress(await arena.read.treasury(), next);
    await viem.assertions.revertWithCustomErrorWithArgs(
      arena.write.setTreasury([ZERO_ADDRESS]),
      arena,
      "ZeroTreasury",
      [],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.setTreasury([next]),
      arena,
      "AccessControlUnauthorizedAccount",
      [fx.operator.account.address, ZERO_HASH_ROLE],
    );
  });

  it("transfers the admin role in two steps, after the delay", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const { arena } = fx;
    const newAdmin = fx.player(0);
    await arena.write.beginDefaultAdminTransfer([newAdmin.account.address]);
    const asNewAdmin = await fx.arenaAs(0);
    const [, schedule] = await arena.read.pendingDefaultAdmin();
    await viem.assertions.revertWithCustomErrorWithArgs(
      asNewAdmin.write.acceptDefaultAdminTransfer(),
      arena,
      "AccessControlEnforcedDefaultAdminDelay",
      [schedule],
    );
    await fx.increaseTo(BigInt(schedule) + 1n);
    await asNewAdmin.write.acceptDefaultAdminTransfer();
    assertSameAddress(await arena.read.defaultAdmin(), newAdmin.account.address);
  });

  it("lets the guardian pause and unpause; pausing stops season creation and entry only", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const { arena, asGuardian } = fx;
    const { seasonId, params } = await fx.createSeason();
    await viem.assertions.emitWithArgs(asGuardian.write.pause(), arena, "Paused", [fx.guardian.account.address]);
    assert.equal(await arena.read.paused(), true);
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.createSeason([params, "ipfs://x"]),
      arena,
      "EnforcedPause",
      [],
    );
    await fx.increaseTo(params.entryOpensAt);
    const player = await fx.arenaAs(0);
    await viem.assertions.revertWithCustomErrorWithArgs(
      player.write.enter([seasonId, `0x${"11".repeat(32)}`], { value: params.entryFee }),
      arena,
      "EnforcedPause",
      [],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      player.write.enterWithPermit([seasonId, `0x${"11".repeat(32)}`, 0n, 27, ZERO_HASH_ROLE, ZERO_HASH_ROLE]),
      arena,
      "EnforcedPause",
      [],
    );
    await viem.assertions.emitWithArgs(asGuardian.write.unpause(), arena, "Unpaused", [fx.guardian.account.address]);
    await fx.enter(0, seasonId, params);
    assert.equal((await arena.read.getSeason([seasonId])).activeEntrants, 1n);
  });

  it("lets no one but a guardian pause or unpause", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const guardianRole = await fx.arena.read.GUARDIAN_ROLE();
    for (const call of [fx.asOperator.write.pause(), fx.asOperator.write.unpause()]) {
      await viem.assertions.revertWithCustomErrorWithArgs(call, fx.arena, "AccessControlUnauthorizedAccount", [
        fx.operator.account.address,
        guardianRole,
      ]);
    }
  });

  it("refuses plain ETH transfers", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const sender = fx.player(0);
    await viem.assertions.revertWithCustomErrorWithArgs(
      sender.sendTransaction({ to: fx.arena.address, value: 1n }),
      fx.arena,
      "UnexpectedEther",
      [sender.account.address, 1n],
    );
  });
});

/** DEFAULT_ADMIN_ROLE is bytes32(0); also a convenient zero bytes32. */
const ZERO_HASH_ROLE = `0x${"00".repeat(32)}` as const;
