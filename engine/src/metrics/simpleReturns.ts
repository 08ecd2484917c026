/**
 * Simple returns of consecutive equity marks, r[i] = e[i + 1] / e[i] - 1 (empyrical's
 * `simple_returns`, pandas `pct_change`). n marks give n - 1 returns.
 */
export function simpleReturns(equity: readonly number[]): number[] {
  const returns = new Array<number>(Math.max(0, equity.length - 1));
  for (let i = 1; i < equity.length; i++) {
    returns[i - 1] = (equity[i] as number) / (equity[i - 1] as number) - 1;
  }
  return returns;
}
