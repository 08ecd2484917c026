import { concat, type Hex, keccak256, numberToHex, pad } from "viem";
import { describe, expect, it } from "vitest";
import { roundChainGenesis, roundChainHead, roundChainLink } from "./roundChain.ts";
import { fixtureDomain, fixtureRulesHash } from "./testing/roundFixture.ts";

/** abi.encode of static values is their 32-byte words back to back (Solidity ABI spec). */
const word = (value: bigint | Hex) =>
  typeof value === "bigint" ? numberToHex(value, { size: 32 }) : pad(value, { size: 32 });
const hashWords = (...values: (bigint | Hex)[]) => keccak256(concat(values.map(word)));

const rounds = [0, 1, 2].map((roundIndex) => ({
  roundIndex,
  recordsRoot: keccak256(numberToHex(10 + roundIndex)),
  standingsRoot: keccak256(numberToHex(20 + roundIndex)),
  artifactDigest: keccak256(numberToHex(30 + roundIndex)),
}));

describe("rounds hash chain (RoundChain.sol)", () => {
  it("starts at keccak256(abi.encode(chainId, arena, seasonId, rulesHash))", () => {
    expect(roundChainGenesis(fixtureDomain, fixtureRulesHash)).toBe(
      hashWords(31_337n, fixtureDomain.arena, 1n, fixtureRulesHash),
    );
  });

  it("links keccak256(abi.encode(previousHead, roundIndex, recordsRoot, standingsRoot, artifactDigest))", () => {
    const genesis = roundChainGenesis(fixtureDomain, fixtureRulesHash);
    const [first] = rounds;
    if (first === undefined) throw new Error("fixture");
    expect(roundChainLink(genesis, first)).toBe(
      hashWords(genesis, 0n, first.recordsRoot, first.standingsRoot, first.artifactDigest),
    );
  });

  it("folds the rounds in order into the head", () => {
    let head = roundChainGenesis(fixtureDomain, fixtureRulesHash);
    for (const round of rounds) {
      head = hashWords(head, BigInt(round.roundIndex), round.recordsRoot, round.standingsRoot, round.artifactDigest);
    }
    expect(roundChainHead(fixtureDomain, fixtureRulesHash, rounds)).toBe(head);
    expect(roundChainHead(fixtureDomain, fixtureRulesHash, [...rounds].reverse())).not.toBe(head);
  });
});
