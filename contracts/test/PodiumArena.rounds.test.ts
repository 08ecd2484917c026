import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  arenaWithTokens,
  digest,
  ROUND_COMMIT_GRACE,
  roundChainGenesis,
  roundChainLink,
  Status,
  TEST_NETWORK,
  ZERO_HASH,
} from "./helpers/arenaFixture.ts";

describe("PodiumArena.commitRound", async () => {
  const { viem, networkHelpers } = await network.create(TEST_NETWORK);
  const setup = () => arenaWithTokens(viem, networkHelpers);

  async function runningSeason(overrides = {}) {
    const fx = await networkHelpers.loadFixture(setup);
    const season = await fx.createSeason(overrides);
    await fx.increaseTo(season.params.startsAt);
    return { fx, ...season };
  }
  const round = (i: bigint) =>
    [digest(`records ${i}`), digest(`standings ${i}`), digest(`artifact ${i}`), `ipfs://round-${i}`] as const;

  it("extends the rounds hash chain, one round after the other, and emits every value", async () => {
    const { fx, seasonId, params } = await runningSeason();
    let head = roundChainGenesis(fx.chainId, fx.arena.address, seasonId, params.rulesHash);
    for (let i = 0n; i < params.roundCount; i++) {
      const [records, standings, artifact, uri] = round(i);
      // The chain link computed here with viem, independently of RoundChain.sol.
      head = roundChainLink(head, i, records, standings, artifact);
      await viem.assertions.emitWithArgs(
        fx.asOperator.write.commitRound([seasonId, i, records, standings, artifact, uri]),
        fx.arena,
        "RoundCommitted",
        [seasonId, i, records, standings, artifact, uri, head],
      );
      assert.equal(
        await fx.arena.read.roundChainLink([head, 0n, ZERO_HASH, ZERO_HASH, ZERO_HASH]),
        roundChainLink(head, 0n, ZERO_HASH, ZERO_HASH, ZERO_HASH),
      );
    }
    const season = await fx.arena.read.getSeason([seasonId]);
    assert.equal(season.roundsCommitted, params.roundCount);
    assert.equal(season.roundsHead, head);
  });

  it("accepts a round without trades (zero roots) but not without an artifact", async () => {
    const { fx, seasonId } = await runningSeason();
    await fx.waitFor(fx.asOperator.write.commitRound([seasonId, 0n, ZERO_HASH, ZERO_HASH, digest("a"), "ipfs://a"]));
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.commitRound([seasonId, 1n, digest("r"), digest("s"), ZERO_HASH, "ipfs://a"]),
      fx.arena,
      "ZeroArtifactDigest",
      [],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.commitRound([seasonId, 1n, digest("r"), digest("s"), digest("a"), ""]),
      fx.arena,
      "EmptyArtifactUri",
      [],
    );
  });

  it("refuses rounds out of order, twice, or beyond the round count", async () => {
    const { fx, seasonId, params } = await runningSeason({ roundCount: 2n });
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.commitRound([seasonId, 1n, ...round(1n)]),
      fx.arena,
      "RoundOutOfOrder",
      [seasonId, 1n, 0n],
    );
    await fx.commitAllRounds(seasonId, params);
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.commitRound([seasonId, 1n, ...round(1n)]),
      fx.arena,
      "AllRoundsCommitted",
      [seasonId, 2n],
    );
    const { fx: fx2, seasonId: s2 } = await runningSeason({ roundCount: 3n });
    await fx2.waitFor(fx2.asOperator.write.commitRound([s2, 0n, ...round(0n)]));
    // Committing round 0 again is out of order: round 1 is next.
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx2.asOperator.write.commitRound([s2, 0n, ...round(0n)]),
      fx2.arena,
      "RoundOutOfOrder",
      [s2, 0n, 1n],
    );
  });

  it("accepts commits from the start to the end of the grace period, and none outside", async () => {
    const fx = await networkHelpers.loadFixture(setup);
    const { seasonId, params } = await fx.createSeason({ roundCount: 2n });
    const deadline = params.endsAt + ROUND_COMMIT_GRACE;
    const before = params.startsAt - 1n;
    await networkHelpers.time.setNextBlockTimestamp(before);
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.commitRound([seasonId, 0n, ...round(0n)]),
      fx.arena,
      "CommitWindowClosed",
      [seasonId, before, params.startsAt, deadline],
    );
    await networkHelpers.time.setNextBlockTimestamp(params.startsAt);
    await fx.waitFor(fx.asOperator.write.commitRound([seasonId, 0n, ...round(0n)]));
    await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.commitRound([seasonId, 1n, ...round(1n)]),
      fx.arena,
      "CommitWindowClosed",
      [seasonId, deadline + 1n, params.startsAt, deadline],
    );
    await networkHelpers.time.setNextBlockTimestamp(deadline);
    await fx.waitFor(fx.asOperator.write.commitRound([seasonId, 1n, ...round(1n)]));
    assert.equal(await fx.arena.read.seasonStatus([seasonId]), Status.AwaitingFinalization);
  });

  it("refuses unknown and cancelled seasons, and callers without the operator role", async () => {
    const { fx, seasonId } = await runningSeason();
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.commitRound([9n, 0n, ...round(0n)]),
      fx.arena,
      "SeasonNotFound",
      [9n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asGuardian.write.commitRound([seasonId, 0n, ...round(0n)]),
      fx.arena,
      "AccessControlUnauthorizedAccount",
      [fx.guardian.account.address, await fx.arena.read.OPERATOR_ROLE()],
    );
    await fx.waitFor(fx.asGuardian.write.cancelSeason([seasonId, "feed outage"]));
    await viem.assertions.revertWithCustomErrorWithArgs(
      fx.asOperator.write.commitRound([seasonId, 0n, ...round(0n)]),
      fx.arena,
      "InvalidSeasonStatus",
      [seasonId, Status.Cancelled, Status.Running],
    );
  });
});
