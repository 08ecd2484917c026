import type { Address, Hex } from "viem";
import { InvalidStorageInputError } from "./storageErrors.ts";

/**
 * Checks and normal forms of the values the repositories store. Hex is stored lowercase so that
 * uniqueness and equality never depend on EIP-55 checksum casing.
 */

export function storedAddress(field: string, value: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    throw new InvalidStorageInputError(field, `${JSON.stringify(value)} is not a 20-byte 0x address`);
  }
  return value.toLowerCase() as Address;
}

export function storedBytes32(field: string, value: string): Hex {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value)) {
    throw new InvalidStorageInputError(field, `${JSON.stringify(value)} is not a 32-byte 0x hex value`);
  }
  return value.toLowerCase() as Hex;
}

/** 0x-prefixed bytes (an even number of hex digits); `allowEmpty` accepts `0x`. */
export function storedHexBytes(field: string, value: string, allowEmpty: boolean): Hex {
  if (!/^0x([0-9a-fA-F]{2})*$/.test(value) || (!allowEmpty && value === "0x")) {
    throw new InvalidStorageInputError(field, `${JSON.stringify(value.slice(0, 80))} is not 0x-prefixed hex bytes`);
  }
  return value.toLowerCase() as Hex;
}

/** An index, count or nonce: a safe non-negative integer (viem uses numbers for these). */
export function storedIndex(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidStorageInputError(field, `${value} is not a non-negative safe integer`);
  }
  return value;
}

/** A uint256 (season id, gas price, payout). */
export function storedUint256(field: string, value: bigint): bigint {
  if (typeof value !== "bigint" || value < 0n || value >= 2n ** 256n) {
    throw new InvalidStorageInputError(field, `${String(value)} is not a uint256 bigint`);
  }
  return value;
}

export function storedText(field: string, value: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new InvalidStorageInputError(field, "it is empty");
  }
  return value;
}
