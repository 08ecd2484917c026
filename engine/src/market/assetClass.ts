/**
 * Asset classes named by the seed arenas: crypto majors (LLMTrader's 5x leverage tier), other
 * crypto, FX, equity ETFs, rates and commodities (the macro arena's universe).
 */
export const assetClasses = ["crypto-major", "crypto", "fx", "equity-etf", "rates", "commodity"] as const;
export type AssetClass = (typeof assetClasses)[number];

export type Asset = {
  /** Upper-case ticker used everywhere in records and orders: "BTC", "EURUSD", "SPY". */
  symbol: string;
  assetClass: AssetClass;
  /** Human-readable name, e.g. "S&P 500 ETF". */
  name: string;
};
