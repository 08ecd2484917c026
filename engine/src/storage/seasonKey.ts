import type { Address } from "viem";
import { storedAddress, storedIndex, storedUint256 } from "./storageValues.ts";

/** A season as the chain names it: the key of everything the runner stores about it. */
export type SeasonKey = {
  readonly chainId: number;
  /** The PodiumArena contract. */
  readonly contract: Address;
  readonly seasonId: bigint;
};

/** Checks a key and lowercases its address, so `0xAbC..` and `0xabc..` name the same season. */
export function normalizeSeasonKey(key: SeasonKey): SeasonKey {
  return {
    chainId: storedIndex("chainId", key.chainId),
    contract: storedAddress("contract", key.contract),
    seasonId: storedUint256("seasonId", key.seasonId),
  };
}

export function describeSeason(key: SeasonKey): string {
  return `season ${key.seasonId} of ${key.contract} on chain ${key.chainId}`;
}
