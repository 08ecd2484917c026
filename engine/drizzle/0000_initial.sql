CREATE TABLE "checkpoints" (
	"season_ref" integer NOT NULL,
	"round_index" integer NOT NULL,
	"state" "bytea" NOT NULL,
	"state_digest" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "checkpoints_pkey" PRIMARY KEY("season_ref","round_index"),
	CONSTRAINT "checkpoints_state_digest_is_bytes32" CHECK (state_digest ~ '^0x[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "entrants" (
	"season_ref" integer NOT NULL,
	"entrant_index" integer NOT NULL,
	"wallet" text NOT NULL,
	"config_hash" text NOT NULL,
	"agent_ref" text,
	"config_check" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "entrants_pkey" PRIMARY KEY("season_ref","entrant_index"),
	CONSTRAINT "entrants_wallet_is_address" CHECK (wallet ~ '^0x[0-9a-f]{40}$'),
	CONSTRAINT "entrants_config_hash_is_bytes32" CHECK (config_hash ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "entrants_config_check_known" CHECK (config_check in ('unchecked', 'matched', 'mismatched', 'missing')),
	CONSTRAINT "entrants_index_not_negative" CHECK ("entrants"."entrant_index" >= 0)
);
--> statement-breakpoint
CREATE TABLE "leaves" (
	"season_ref" integer NOT NULL,
	"round_index" integer NOT NULL,
	"tree" text NOT NULL,
	"leaf_index" integer NOT NULL,
	"entrant_index" integer,
	"kind" text NOT NULL,
	"leaf_values" text NOT NULL,
	"leaf_hash" text,
	CONSTRAINT "leaves_pkey" PRIMARY KEY("season_ref","round_index","tree","leaf_index"),
	CONSTRAINT "leaves_tree_known" CHECK (tree in ('records', 'standings')),
	CONSTRAINT "leaves_leaf_hash_is_bytes32" CHECK (leaf_hash is null or leaf_hash ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "leaves_leaf_index_not_negative" CHECK ("leaves"."leaf_index" >= 0)
);
--> statement-breakpoint
CREATE TABLE "rounds" (
	"season_ref" integer NOT NULL,
	"round_index" integer NOT NULL,
	"status" text NOT NULL,
	"records_root" text,
	"standings_root" text,
	"record_count" integer,
	"standing_count" integer,
	"artifact_digest" text,
	"artifact_uri" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rounds_pkey" PRIMARY KEY("season_ref","round_index"),
	CONSTRAINT "rounds_status_known" CHECK (status in ('pending', 'simulated', 'artifact-published', 'commit-sent', 'committed', 'confirmed')),
	CONSTRAINT "rounds_index_not_negative" CHECK ("rounds"."round_index" >= 0),
	CONSTRAINT "rounds_records_root_is_bytes32" CHECK (records_root is null or records_root ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "rounds_standings_root_is_bytes32" CHECK (standings_root is null or standings_root ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "rounds_artifact_digest_is_bytes32" CHECK (artifact_digest is null or artifact_digest ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "rounds_simulated_has_roots" CHECK (status = 'pending' or (records_root is not null and standings_root is not null and record_count is not null and standing_count is not null)),
	CONSTRAINT "rounds_published_has_artifact" CHECK (status in ('pending', 'simulated') or (artifact_digest is not null and artifact_uri is not null))
);
--> statement-breakpoint
CREATE TABLE "seasons" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "seasons_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"chain_id" bigint NOT NULL,
	"contract" text NOT NULL,
	"season_id" numeric(78, 0) NOT NULL,
	"rules_hash" text NOT NULL,
	"dataset_hash" text NOT NULL,
	"params" text NOT NULL,
	"round_count" integer NOT NULL,
	"status" text NOT NULL,
	"results_root" text,
	"total_payout" numeric(78, 0),
	"results_digest" text,
	"results_uri" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "seasons_contract_is_address" CHECK (contract ~ '^0x[0-9a-f]{40}$'),
	CONSTRAINT "seasons_rules_hash_is_bytes32" CHECK (rules_hash ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "seasons_dataset_hash_is_bytes32" CHECK (dataset_hash ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "seasons_results_root_is_bytes32" CHECK (results_root is null or results_root ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "seasons_results_digest_is_bytes32" CHECK (results_digest is null or results_digest ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "seasons_status_known" CHECK (status in ('registered', 'running', 'finalizing', 'finalized', 'cancelled')),
	CONSTRAINT "seasons_round_count_positive" CHECK ("seasons"."round_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "transaction_attempts" (
	"transaction_id" integer NOT NULL,
	"attempt" integer NOT NULL,
	"tx_hash" text NOT NULL,
	"raw_transaction" text NOT NULL,
	"gas_price" numeric(78, 0),
	"max_fee_per_gas" numeric(78, 0),
	"max_priority_fee_per_gas" numeric(78, 0),
	"prepared_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "transaction_attempts_pkey" PRIMARY KEY("transaction_id","attempt"),
	CONSTRAINT "transaction_attempts_tx_hash_is_bytes32" CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "transaction_attempts_raw_is_hex" CHECK (raw_transaction ~ '^0x([0-9a-f]{2})+$'),
	CONSTRAINT "transaction_attempts_attempt_not_negative" CHECK ("transaction_attempts"."attempt" >= 0)
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "transactions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"season_ref" integer NOT NULL,
	"chain_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"round_index" integer,
	"sender" text NOT NULL,
	"nonce" bigint NOT NULL,
	"to_address" text NOT NULL,
	"data" text NOT NULL,
	"status" text NOT NULL,
	"mined_tx_hash" text,
	"block_number" bigint,
	"block_hash" text,
	"failure_reason" text,
	"prepared_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"mined_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "transactions_kind_known" CHECK (kind in ('commitRound', 'finalize')),
	CONSTRAINT "transactions_status_known" CHECK (status in ('prepared', 'sent', 'mined', 'confirmed', 'failed')),
	CONSTRAINT "transactions_round_matches_kind" CHECK ((kind = 'commitRound') = (round_index is not null)),
	CONSTRAINT "transactions_sender_is_address" CHECK (sender ~ '^0x[0-9a-f]{40}$'),
	CONSTRAINT "transactions_to_address_is_address" CHECK (to_address ~ '^0x[0-9a-f]{40}$'),
	CONSTRAINT "transactions_data_is_hex" CHECK (data ~ '^0x([0-9a-f]{2})*$'),
	CONSTRAINT "transactions_nonce_not_negative" CHECK ("transactions"."nonce" >= 0),
	CONSTRAINT "transactions_mined_tx_hash_is_bytes32" CHECK (mined_tx_hash is null or mined_tx_hash ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "transactions_block_hash_is_bytes32" CHECK (block_hash is null or block_hash ~ '^0x[0-9a-f]{64}$'),
	CONSTRAINT "transactions_mined_has_block" CHECK (status not in ('mined', 'confirmed') or (mined_tx_hash is not null and block_number is not null and block_hash is not null))
);
--> statement-breakpoint
ALTER TABLE "checkpoints" ADD CONSTRAINT "checkpoints_round_fk" FOREIGN KEY ("season_ref","round_index") REFERENCES "public"."rounds"("season_ref","round_index") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entrants" ADD CONSTRAINT "entrants_season_ref_seasons_id_fk" FOREIGN KEY ("season_ref") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leaves" ADD CONSTRAINT "leaves_round_fk" FOREIGN KEY ("season_ref","round_index") REFERENCES "public"."rounds"("season_ref","round_index") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rounds" ADD CONSTRAINT "rounds_season_ref_seasons_id_fk" FOREIGN KEY ("season_ref") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_attempts" ADD CONSTRAINT "transaction_attempts_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_season_ref_seasons_id_fk" FOREIGN KEY ("season_ref") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_round_fk" FOREIGN KEY ("season_ref","round_index") REFERENCES "public"."rounds"("season_ref","round_index") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entrants_wallet_idx" ON "entrants" USING btree ("season_ref","wallet");--> statement-breakpoint
CREATE INDEX "leaves_entrant_idx" ON "leaves" USING btree ("season_ref","entrant_index","round_index");--> statement-breakpoint
CREATE INDEX "rounds_status_idx" ON "rounds" USING btree ("season_ref","status");--> statement-breakpoint
CREATE UNIQUE INDEX "seasons_chain_contract_season_key" ON "seasons" USING btree ("chain_id","contract","season_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transaction_attempts_tx_hash_key" ON "transaction_attempts" USING btree ("tx_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "transactions_one_live_per_commitment" ON "transactions" USING btree ("season_ref","kind",coalesce("round_index", -1)) WHERE "transactions"."status" <> 'failed';--> statement-breakpoint
CREATE UNIQUE INDEX "transactions_one_live_per_nonce" ON "transactions" USING btree ("chain_id","sender","nonce") WHERE "transactions"."status" <> 'failed';--> statement-breakpoint
CREATE INDEX "transactions_status_idx" ON "transactions" USING btree ("chain_id","sender","status");