import { and, asc, eq, sql } from "drizzle-orm";
import type { Hex } from "viem";
import { type CanonicalValue, canonicalJson } from "../canonical/canonicalJson.ts";
import { inTransaction, now, type StorageContext } from "./podiumDatabase.ts";
import { type ConfigCheck, entrants, rounds, type SeasonStatus, seasonStatuses, seasons } from "./schema.ts";
import { describeSeason, normalizeSeasonKey, type SeasonKey } from "./seasonKey.ts";
import {
  InvalidStorageInputError,
  StatusTransitionError,
  StorageConflictError,
  StorageNotFoundError,
} from "./storageErrors.ts";
import { storedAddress, storedBytes32, storedIndex } from "./storageValues.ts";

export type StoredSeason = typeof seasons.$inferSelect;
export type StoredEntrant = typeof entrants.$inferSelect;

export type RegisterSeasonParameters = SeasonKey & {
  readonly rulesHash: Hex;
  readonly datasetHash: Hex;
  /** The season's on-chain parameters and schedule, stored as canonical JSON. */
  readonly params: CanonicalValue;
  readonly roundCount: number;
};

export type RegisterSeasonReturnType = { season: StoredSeason; created: boolean };

/**
 * Stores a season read from the chain, with one `pending` row per round, in one transaction.
 * Idempotent: registering the same season again returns the stored row; registering it with other
 * rules, dataset, parameters or round count is a StorageConflictError (they are immutable on-chain).
 */
export async function registerSeason(
  context: StorageContext,
  parameters: RegisterSeasonParameters,
): Promise<RegisterSeasonReturnType> {
  const key = normalizeSeasonKey(parameters);
  const values = {
    rulesHash: storedBytes32("rulesHash", parameters.rulesHash),
    datasetHash: storedBytes32("datasetHash", parameters.datasetHash),
    params: canonicalJson(parameters.params),
    roundCount: storedIndex("roundCount", parameters.roundCount),
  };
  if (values.roundCount === 0) throw new InvalidStorageInputError("roundCount", "a season has at least one round");
  return inTransaction(context, async (tx) => {
    const at = now(tx);
    const inserted = await tx.db
      .insert(seasons)
      .values({ ...key, ...values, status: "registered", createdAt: at, updatedAt: at })
      .onConflictDoNothing({ target: [seasons.chainId, seasons.contract, seasons.seasonId] })
      .returning();
    const fresh = inserted[0];
    if (fresh !== undefined) {
      const pending = Array.from({ length: values.roundCount }, (_, roundIndex) => ({
        seasonRef: fresh.id,
        roundIndex,
        status: "pending" as const,
        updatedAt: at,
      }));
      for (let start = 0; start < pending.length; start += 1000) {
        await tx.db.insert(rounds).values(pending.slice(start, start + 1000));
      }
      return { season: fresh, created: true };
    }
    const stored = await requireSeason(tx, key);
    for (const field of ["rulesHash", "datasetHash", "params", "roundCount"] as const) {
      if (stored[field] !== values[field]) {
        throw new StorageConflictError({
          subject: describeSeason(key),
          field,
          stored: String(stored[field]),
          attempted: String(values[field]),
          hint: "A season's rules, dataset and schedule are fixed on-chain: check the chain id and contract address.",
        });
      }
    }
    return { season: stored, created: false };
  });
}

export async function getSeason(context: StorageContext, key: SeasonKey): Promise<StoredSeason | undefined> {
  const normalized = normalizeSeasonKey(key);
  const found = await context.db
    .select()
    .from(seasons)
    .where(
      and(
        eq(seasons.chainId, normalized.chainId),
        eq(seasons.contract, normalized.contract),
        eq(seasons.seasonId, normalized.seasonId),
      ),
    );
  return found[0];
}

/** The stored season, or a StorageNotFoundError saying to register it first. */
export async function requireSeason(context: StorageContext, key: SeasonKey): Promise<StoredSeason> {
  const season = await getSeason(context, key);
  if (season === undefined) {
    throw new StorageNotFoundError(
      describeSeason(key),
      "Register the season (registerSeason) before storing its rounds.",
    );
  }
  return season;
}

/**
 * Moves a season forward: registered -> running -> finalizing -> finalized, or to cancelled from
 * any status but finalized. Setting the current status again does nothing. (`finalizing` and
 * `finalized` are normally set by the finalize transaction's bookkeeping in transactionRepository.)
 */
export async function setSeasonStatus(
  context: StorageContext,
  key: SeasonKey,
  status: SeasonStatus,
): Promise<StoredSeason> {
  return inTransaction(context, async (tx) => {
    const season = await lockSeason(tx, key);
    if (season.status === status) return season;
    const forward = seasonStatuses.indexOf(status) > seasonStatuses.indexOf(season.status);
    const allowed = status === "cancelled" ? season.status !== "finalized" : forward && season.status !== "cancelled";
    if (!allowed) {
      throw new StatusTransitionError({
        subject: describeSeason(key),
        from: season.status,
        to: status,
        hint: "A season only moves forward (registered, running, finalizing, finalized) or is cancelled before it is finalized.",
      });
    }
    const updated = await tx.db
      .update(seasons)
      .set({ status, updatedAt: now(tx) })
      .where(eq(seasons.id, season.id))
      .returning();
    return updated[0] ?? season;
  });
}

/** Reads the season row with a row lock (`for update`), so concurrent status changes serialize. */
export async function lockSeason(context: StorageContext, key: SeasonKey): Promise<StoredSeason> {
  const normalized = normalizeSeasonKey(key);
  const found = await context.db
    .select()
    .from(seasons)
    .where(
      and(
        eq(seasons.chainId, normalized.chainId),
        eq(seasons.contract, normalized.contract),
        eq(seasons.seasonId, normalized.seasonId),
      ),
    )
    .for("update");
  const season = found[0];
  if (season === undefined) {
    throw new StorageNotFoundError(
      describeSeason(key),
      "Register the season (registerSeason) before storing its rounds.",
    );
  }
  return season;
}

export type EntrantInput = {
  readonly entrantIndex: number;
  readonly wallet: Hex;
  readonly configHash: Hex;
  readonly agentRef?: string | null;
  /** Whether the operator's copy of the agent config hashes to `configHash`; `unchecked` by default. */
  readonly configCheck?: ConfigCheck;
};

/**
 * Stores or updates the season's entrants as read from the chain, in one transaction. The config
 * hash, agent reference and check result may change (configs change until the season starts); the
 * wallet of an entrant index never does, so a different wallet is a StorageConflictError.
 */
export async function upsertEntrants(
  context: StorageContext,
  key: SeasonKey,
  inputs: readonly EntrantInput[],
): Promise<StoredEntrant[]> {
  const normalized = normalizeSeasonKey(key);
  const values = inputs.map((input) => ({
    entrantIndex: storedIndex("entrantIndex", input.entrantIndex),
    wallet: storedAddress("wallet", input.wallet),
    configHash: storedBytes32("configHash", input.configHash),
    agentRef: input.agentRef ?? null,
    configCheck: input.configCheck ?? "unchecked",
  }));
  const seen = new Set<number>();
  for (const value of values) {
    if (seen.has(value.entrantIndex)) {
      throw new InvalidStorageInputError("entrantIndex", `${value.entrantIndex} appears twice in one call`);
    }
    seen.add(value.entrantIndex);
  }
  return inTransaction(context, async (tx) => {
    const season = await requireSeason(tx, normalized);
    const at = now(tx);
    const written: StoredEntrant[] = [];
    for (const value of values) {
      const rows = await tx.db
        .insert(entrants)
        .values({ seasonRef: season.id, ...value, updatedAt: at })
        .onConflictDoUpdate({
          target: [entrants.seasonRef, entrants.entrantIndex],
          set: {
            configHash: sql`excluded.config_hash`,
            agentRef: sql`excluded.agent_ref`,
            configCheck: sql`excluded.config_check`,
            updatedAt: sql`excluded.updated_at`,
          },
          setWhere: sql`${entrants.wallet} = excluded.wallet`,
        })
        .returning();
      const row = rows[0];
      if (row === undefined) {
        const stored = await tx.db
          .select({ wallet: entrants.wallet })
          .from(entrants)
          .where(and(eq(entrants.seasonRef, season.id), eq(entrants.entrantIndex, value.entrantIndex)));
        throw new StorageConflictError({
          subject: `entrant ${value.entrantIndex} of ${describeSeason(normalized)}`,
          field: "wallet",
          stored: stored[0]?.wallet ?? "(unknown)",
          attempted: value.wallet,
          hint: "An entrant index belongs to one wallet for the whole season: check the chain id and contract address.",
        });
      }
      written.push(row);
    }
    return written;
  });
}

export async function listEntrants(context: StorageContext, key: SeasonKey): Promise<StoredEntrant[]> {
  const season = await requireSeason(context, key);
  return context.db
    .select()
    .from(entrants)
    .where(eq(entrants.seasonRef, season.id))
    .orderBy(asc(entrants.entrantIndex));
}
