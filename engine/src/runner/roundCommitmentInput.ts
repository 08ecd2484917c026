import type { CommitmentDomain } from "../commitments/commitmentDomain.ts";
import { type CommittedRecord, isCommittedRecord } from "../commitments/committedRecord.ts";
import type {
  CreateRoundArtifactParameters,
  RoundDecision,
  RoundEntrant,
  RoundPrice,
} from "../commitments/roundArtifact.ts";
import type { EntrantStanding, StandingPosition } from "../commitments/standingsLeaves.ts";
import type { RoundOutput, Season } from "../season/createSeason.ts";
import { RunnerError } from "./runnerError.ts";

export type RoundCommitmentInputParameters = {
  domain: CommitmentDomain;
  roundIndex: number;
  output: RoundOutput;
  /** The season right after `output` was produced: its accounts give equity and positions. */
  season: Season;
};

/**
 * The round artifact's inputs from a season round: the bar of every asset, every entrant, the
 * decisions (from the `decision` records), every other record (conduct records included: each has
 * a leaf), and each entrant's standing (status and running metrics from the season's standings,
 * equity and open positions from its account after the round), all by increasing entrant index.
 */
export function roundCommitmentInput({
  domain,
  roundIndex,
  output,
  season,
}: RoundCommitmentInputParameters): CreateRoundArtifactParameters {
  const dataset = season.compiled.dataset;
  if (dataset.times[output.round] !== output.time)
    throw new RunnerError(`Round ${output.round} of the season does not match the dataset's timeline.`, {
      details: `round time ${output.time}, dataset time ${String(dataset.times[output.round])}`,
    });
  const prices: RoundPrice[] = dataset.assets.map((asset) => {
    const bar = dataset.bars[asset.symbol]?.[output.round];
    if (bar === undefined) throw new RunnerError(`No ${asset.symbol} bar for round ${output.round}.`);
    return { symbol: asset.symbol, bar };
  });
  const entrants: RoundEntrant[] = season.header.entrants
    .map((entrant) => ({ entrantIndex: Number(entrant.entrantId), entrantId: entrant.entrantId }))
    .sort((a, b) => a.entrantIndex - b.entrantIndex);
  const decisions: RoundDecision[] = [];
  const records: CommittedRecord[] = [];
  for (const record of output.records) {
    if (record.type === "decision") {
      // The season already withheld a private entrant's texts: the record is passed as it is.
      const { type: _type, round: _round, time: _time, entrantId, ...decision } = record;
      decisions.push({ entrantIndex: Number(entrantId), decision });
    } else if (isCommittedRecord(record)) records.push(record);
  }
  decisions.sort((a, b) => a.entrantIndex - b.entrantIndex);
  const byId = new Map(output.standings.map((standing) => [standing.entrantId, standing]));
  const standings: EntrantStanding[] = entrants.map(({ entrantIndex, entrantId }) => {
    const standing = byId.get(entrantId);
    const account = season.account(entrantId);
    if (standing === undefined || account === undefined)
      throw new RunnerError(`Entrant ${entrantId} has no standing or account after round ${output.round}.`);
    const positions: StandingPosition[] = [];
    for (const position of account.positions) {
      if (position === undefined) continue;
      positions.push({
        symbol: position.symbol,
        quantity: position.quantity,
        averageEntryPrice: position.averageEntryPrice,
        markPrice: position.markPrice,
        ...(position.stopLoss === undefined ? {} : { stopLoss: position.stopLoss }),
      });
    }
    return {
      entrantIndex,
      entrantId,
      status: standing.status,
      equity: account.equity,
      positions,
      totalReturn: standing.totalReturn,
      sharpeRatio: standing.sharpeRatio,
      maxDrawdown: standing.maxDrawdown,
    };
  });
  return {
    domain,
    roundIndex,
    round: output.round,
    time: output.time,
    prices,
    entrants,
    decisions,
    records,
    standings,
  };
}
