import { type Hex, keccak256, toHex } from "viem";
import type { SeasonKey } from "../seasonKey.ts";

/** Readable stand-ins for the chain's values in storage tests. */

/** Hardhat's chain id and the address of the first contract its default account deploys. */
export const testSeason: SeasonKey = {
  chainId: 31337,
  contract: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  seasonId: 1n,
};

/** A distinct bytes32 per label (keccak256 of the label), e.g. `hash("records root 0")`. */
export function hash(label: string): Hex {
  return keccak256(toHex(label));
}

/** A distinct address per number: 0x000...0001 etc. */
export function address(n: number): Hex {
  return `0x${n.toString(16).padStart(40, "0")}`;
}

export const seasonParameters = {
  ...testSeason,
  rulesHash: hash("rules"),
  datasetHash: hash("dataset"),
  params: { entryFee: 10n ** 16n, roundCount: 4, schedule: "daily" },
  roundCount: 4,
} as const;
