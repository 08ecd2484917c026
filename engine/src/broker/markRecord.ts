import { type Account, totalUnrealizedPnl } from "../domain/account.ts";
import type { RoundRecord } from "../domain/roundRecord.ts";
import type { MarketRound } from "./marketTape.ts";

/** The `mark` record of an account after the round's mark: its equity and what it is made of. */
export function createMarkRecord(account: Account, round: MarketRound): RoundRecord {
  return {
    type: "mark",
    round: round.index,
    time: round.time,
    entrantId: account.entrantId,
    equity: account.equity,
    cash: account.cash,
    unrealizedPnl: totalUnrealizedPnl(account),
    realizedPnl: account.realizedPnl,
    feesPaid: account.feesPaid,
    status: account.status,
  };
}
