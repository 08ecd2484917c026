import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  customType,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * The runner's database: what it read from the chain, what it simulated and published, and every
 * transaction it prepared, so that a restarted runner resumes exactly where it stopped.
 *
 * Column types follow viem's TypeScript types so the runner converts nothing: chain ids, nonces,
 * round and entrant indices are numbers (int8 read in "number" mode, checked to be safe integers on
 * the way in), block numbers are bigints (int8 in "bigint" mode), uint256 values (season ids, gas
 * prices, payouts) are `numeric(78, 0)` read as bigint, hashes and addresses are lowercase 0x text.
 * Canonical JSON is stored as `text`, not `jsonb`: jsonb re-orders keys and normalizes numbers, and
 * these bytes are hashed.
 */

/** Every status a round goes through, in order (see docs/storage.md for who moves it). */
export const roundStatuses = [
  "pending",
  "simulated",
  "artifact-published",
  "commit-sent",
  "committed",
  "confirmed",
] as const;
export type RoundStatus = (typeof roundStatuses)[number];

export const seasonStatuses = ["registered", "running", "finalizing", "finalized", "cancelled"] as const;
export type SeasonStatus = (typeof seasonStatuses)[number];

export const transactionKinds = ["commitRound", "finalize"] as const;
export type TransactionKind = (typeof transactionKinds)[number];

export const transactionStatuses = ["prepared", "sent", "mined", "confirmed", "failed"] as const;
export type TransactionStatus = (typeof transactionStatuses)[number];

/** Which Merkle tree of a round a stored leaf belongs to (see docs/commitments.md). */
export const leafTrees = ["records", "standings"] as const;
export type LeafTree = (typeof leafTrees)[number];

export const configChecks = ["unchecked", "matched", "mismatched", "missing"] as const;
export type ConfigCheck = (typeof configChecks)[number];

/** `bytea`, read as a plain Uint8Array on both backends (node-postgres hands out Buffers). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

const uint256 = (name: string) => numeric(name, { precision: 78, scale: 0, mode: "bigint" });
const safeInt8 = (name: string) => bigint(name, { mode: "number" });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(", ")})`);
const isAddress = (column: string) => sql.raw(`${column} ~ '^0x[0-9a-f]{40}$'`);
const isBytes32 = (column: string) => sql.raw(`${column} ~ '^0x[0-9a-f]{64}$'`);
const isBytes32OrNull = (column: string) => sql.raw(`${column} is null or ${column} ~ '^0x[0-9a-f]{64}$'`);

export const seasons = pgTable(
  "seasons",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    chainId: safeInt8("chain_id").notNull(),
    contract: text("contract").notNull(),
    seasonId: uint256("season_id").notNull(),
    rulesHash: text("rules_hash").notNull(),
    datasetHash: text("dataset_hash").notNull(),
    /** Canonical JSON of the season's on-chain parameters and the runner's schedule. */
    params: text("params").notNull(),
    roundCount: integer("round_count").notNull(),
    status: text("status", { enum: seasonStatuses }).notNull(),
    /** Set when the finalize transaction is prepared; immutable afterwards. */
    resultsRoot: text("results_root"),
    totalPayout: uint256("total_payout"),
    resultsDigest: text("results_digest"),
    resultsUri: text("results_uri"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    uniqueIndex("seasons_chain_contract_season_key").on(table.chainId, table.contract, table.seasonId),
    check("seasons_contract_is_address", isAddress("contract")),
    check("seasons_rules_hash_is_bytes32", isBytes32("rules_hash")),
    check("seasons_dataset_hash_is_bytes32", isBytes32("dataset_hash")),
    check("seasons_results_root_is_bytes32", isBytes32OrNull("results_root")),
    check("seasons_results_digest_is_bytes32", isBytes32OrNull("results_digest")),
    check("seasons_status_known", inList("status", seasonStatuses)),
    check("seasons_round_count_positive", sql`${table.roundCount} > 0`),
  ],
);

export const entrants = pgTable(
  "entrants",
  {
    seasonRef: integer("season_ref")
      .notNull()
      .references(() => seasons.id, { onDelete: "cascade" }),
    entrantIndex: integer("entrant_index").notNull(),
    wallet: text("wallet").notNull(),
    configHash: text("config_hash").notNull(),
    /** Where the operator keeps this entrant's agent config (a file, a registry id); null when unknown. */
    agentRef: text("agent_ref"),
    configCheck: text("config_check", { enum: configChecks }).notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ name: "entrants_pkey", columns: [table.seasonRef, table.entrantIndex] }),
    index("entrants_wallet_idx").on(table.seasonRef, table.wallet),
    check("entrants_wallet_is_address", isAddress("wallet")),
    check("entrants_config_hash_is_bytes32", isBytes32("config_hash")),
    check("entrants_config_check_known", inList("config_check", configChecks)),
    check("entrants_index_not_negative", sql`${table.entrantIndex} >= 0`),
  ],
);

export const rounds = pgTable(
  "rounds",
  {
    seasonRef: integer("season_ref")
      .notNull()
      .references(() => seasons.id, { onDelete: "cascade" }),
    roundIndex: integer("round_index").notNull(),
    status: text("status", { enum: roundStatuses }).notNull(),
    recordsRoot: text("records_root"),
    standingsRoot: text("standings_root"),
    recordCount: integer("record_count"),
    standingCount: integer("standing_count"),
    artifactDigest: text("artifact_digest"),
    artifactUri: text("artifact_uri"),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ name: "rounds_pkey", columns: [table.seasonRef, table.roundIndex] }),
    index("rounds_status_idx").on(table.seasonRef, table.status),
    check("rounds_status_known", inList("status", roundStatuses)),
    check("rounds_index_not_negative", sql`${table.roundIndex} >= 0`),
    check("rounds_records_root_is_bytes32", isBytes32OrNull("records_root")),
    check("rounds_standings_root_is_bytes32", isBytes32OrNull("standings_root")),
    check("rounds_artifact_digest_is_bytes32", isBytes32OrNull("artifact_digest")),
    // What each status guarantees is present, so a half-updated row cannot exist.
    check(
      "rounds_simulated_has_roots",
      sql.raw(
        "status = 'pending' or (records_root is not null and standings_root is not null and record_count is not null and standing_count is not null)",
      ),
    ),
    check(
      "rounds_published_has_artifact",
      sql.raw("status in ('pending', 'simulated') or (artifact_digest is not null and artifact_uri is not null)"),
    ),
  ],
);

export const leaves = pgTable(
  "leaves",
  {
    seasonRef: integer("season_ref").notNull(),
    roundIndex: integer("round_index").notNull(),
    tree: text("tree", { enum: leafTrees }).notNull(),
    leafIndex: integer("leaf_index").notNull(),
    /** Null for a leaf that belongs to no single entrant. */
    entrantIndex: integer("entrant_index"),
    /** What the leaf records (`orderFilled`, `riskEvent`, `standing`, ...). */
    kind: text("kind").notNull(),
    /** The leaf's values, in ABI order, as canonical JSON (uint256 as decimal strings). */
    leafValues: text("leaf_values").notNull(),
    /** The StandardMerkleTree leaf hash, when the caller computed it. */
    leafHash: text("leaf_hash"),
  },
  (table) => [
    primaryKey({ name: "leaves_pkey", columns: [table.seasonRef, table.roundIndex, table.tree, table.leafIndex] }),
    foreignKey({
      name: "leaves_round_fk",
      columns: [table.seasonRef, table.roundIndex],
      foreignColumns: [rounds.seasonRef, rounds.roundIndex],
    }).onDelete("cascade"),
    index("leaves_entrant_idx").on(table.seasonRef, table.entrantIndex, table.roundIndex),
    check("leaves_tree_known", inList("tree", leafTrees)),
    check("leaves_leaf_hash_is_bytes32", isBytes32OrNull("leaf_hash")),
    check("leaves_leaf_index_not_negative", sql`${table.leafIndex} >= 0`),
  ],
);

export const checkpoints = pgTable(
  "checkpoints",
  {
    seasonRef: integer("season_ref").notNull(),
    roundIndex: integer("round_index").notNull(),
    /** The season loop's serialized state after this round; opaque to storage. */
    state: bytea("state").notNull(),
    /** keccak256 of `state`, to notice a checkpoint that differs from an earlier run's. */
    stateDigest: text("state_digest").notNull(),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [
    primaryKey({ name: "checkpoints_pkey", columns: [table.seasonRef, table.roundIndex] }),
    foreignKey({
      name: "checkpoints_round_fk",
      columns: [table.seasonRef, table.roundIndex],
      foreignColumns: [rounds.seasonRef, rounds.roundIndex],
    }).onDelete("cascade"),
    check("checkpoints_state_digest_is_bytes32", isBytes32("state_digest")),
  ],
);

export const transactions = pgTable(
  "transactions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    seasonRef: integer("season_ref")
      .notNull()
      .references(() => seasons.id, { onDelete: "cascade" }),
    /** Copied from the season: nonces are per (chain, sender), across seasons. */
    chainId: safeInt8("chain_id").notNull(),
    kind: text("kind", { enum: transactionKinds }).notNull(),
    /** The committed round for `commitRound`, null for `finalize`. */
    roundIndex: integer("round_index"),
    sender: text("sender").notNull(),
    nonce: safeInt8("nonce").notNull(),
    to: text("to_address").notNull(),
    /** The call's ABI-encoded calldata: every attempt (replacements included) sends these bytes. */
    data: text("data").notNull(),
    status: text("status", { enum: transactionStatuses }).notNull(),
    minedTxHash: text("mined_tx_hash"),
    blockNumber: bigint("block_number", { mode: "bigint" }),
    blockHash: text("block_hash"),
    failureReason: text("failure_reason"),
    preparedAt: instant("prepared_at").notNull(),
    sentAt: instant("sent_at"),
    minedAt: instant("mined_at"),
    confirmedAt: instant("confirmed_at"),
    failedAt: instant("failed_at"),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    // At most one live transaction per commitment: a round is committed once, a season finalized once.
    uniqueIndex("transactions_one_live_per_commitment")
      .on(table.seasonRef, table.kind, sql`coalesce(${table.roundIndex}, -1)`)
      .where(sql`${table.status} <> 'failed'`),
    // A nonce is used by at most one live transaction of a sender on a chain.
    uniqueIndex("transactions_one_live_per_nonce")
      .on(table.chainId, table.sender, table.nonce)
      .where(sql`${table.status} <> 'failed'`),
    index("transactions_status_idx").on(table.chainId, table.sender, table.status),
    foreignKey({
      name: "transactions_round_fk",
      columns: [table.seasonRef, table.roundIndex],
      foreignColumns: [rounds.seasonRef, rounds.roundIndex],
    }).onDelete("cascade"),
    check("transactions_kind_known", inList("kind", transactionKinds)),
    check("transactions_status_known", inList("status", transactionStatuses)),
    check("transactions_round_matches_kind", sql.raw("(kind = 'commitRound') = (round_index is not null)")),
    check("transactions_sender_is_address", isAddress("sender")),
    check("transactions_to_address_is_address", isAddress("to_address")),
    check("transactions_data_is_hex", sql.raw("data ~ '^0x([0-9a-f]{2})*$'")),
    check("transactions_nonce_not_negative", sql`${table.nonce} >= 0`),
    check("transactions_mined_tx_hash_is_bytes32", isBytes32OrNull("mined_tx_hash")),
    check("transactions_block_hash_is_bytes32", isBytes32OrNull("block_hash")),
    check(
      "transactions_mined_has_block",
      sql.raw(
        "status not in ('mined', 'confirmed') or (mined_tx_hash is not null and block_number is not null and block_hash is not null)",
      ),
    ),
  ],
);

export const transactionAttempts = pgTable(
  "transaction_attempts",
  {
    transactionId: integer("transaction_id")
      .notNull()
      .references(() => transactions.id, { onDelete: "cascade" }),
    /** 0 for the first signature, then one more per replacement (same nonce, higher fee). */
    attempt: integer("attempt").notNull(),
    txHash: text("tx_hash").notNull(),
    /** The signed, serialized transaction: a restarted runner rebroadcasts exactly these bytes. */
    rawTransaction: text("raw_transaction").notNull(),
    gasPrice: uint256("gas_price"),
    maxFeePerGas: uint256("max_fee_per_gas"),
    maxPriorityFeePerGas: uint256("max_priority_fee_per_gas"),
    preparedAt: instant("prepared_at").notNull(),
    sentAt: instant("sent_at"),
  },
  (table) => [
    primaryKey({ name: "transaction_attempts_pkey", columns: [table.transactionId, table.attempt] }),
    uniqueIndex("transaction_attempts_tx_hash_key").on(table.txHash),
    check("transaction_attempts_tx_hash_is_bytes32", isBytes32("tx_hash")),
    check("transaction_attempts_raw_is_hex", sql.raw("raw_transaction ~ '^0x([0-9a-f]{2})+$'")),
    check("transaction_attempts_attempt_not_negative", sql`${table.attempt} >= 0`),
  ],
);
