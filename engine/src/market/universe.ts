import type { Asset } from "./assetClass.ts";

/**
 * The default universes of the seed arenas.
 * - LLMTrader (seed 001): crypto; BTC, ETH and SOL are the majors with 5x leverage, the rest 3x.
 * - LLM Macro Trading Arena (seed 002): EUR/USD (FX), SPY (equity), TLT (rates), USO and GLD
 *   (commodities).
 */
export const llmTraderUniverse: readonly Asset[] = [
  { symbol: "BTC", assetClass: "crypto-major", name: "Bitcoin" },
  { symbol: "ETH", assetClass: "crypto-major", name: "Ether" },
  { symbol: "SOL", assetClass: "crypto-major", name: "Solana" },
  { symbol: "BNB", assetClass: "crypto", name: "BNB" },
  { symbol: "XRP", assetClass: "crypto", name: "XRP" },
  { symbol: "ADA", assetClass: "crypto", name: "Cardano" },
  { symbol: "DOGE", assetClass: "crypto", name: "Dogecoin" },
  { symbol: "AVAX", assetClass: "crypto", name: "Avalanche" },
  { symbol: "LINK", assetClass: "crypto", name: "Chainlink" },
];

export const macroArenaUniverse: readonly Asset[] = [
  { symbol: "EURUSD", assetClass: "fx", name: "Euro / US Dollar" },
  { symbol: "SPY", assetClass: "equity-etf", name: "S&P 500 ETF" },
  { symbol: "TLT", assetClass: "rates", name: "20+ Year Treasury Bond ETF" },
  { symbol: "USO", assetClass: "commodity", name: "Crude Oil ETF (WTI futures)" },
  { symbol: "GLD", assetClass: "commodity", name: "Gold ETF" },
];

/**
 * Price levels the synthetic generator starts from when none is given: round figures of the
 * order of each market's price in 2024, so that synthetic runs look like the real thing.
 * Anything not listed starts at 100.
 */
export const defaultStartPrices: Readonly<Record<string, string>> = {
  BTC: "60000",
  ETH: "3000",
  SOL: "150",
  BNB: "550",
  XRP: "0.55",
  ADA: "0.45",
  DOGE: "0.12",
  AVAX: "30",
  LINK: "15",
  EURUSD: "1.08",
  SPY: "500",
  TLT: "92",
  USO: "75",
  GLD: "220",
};

/** The Binance spot pair of a crypto asset: BTC -> BTCUSDT. */
export function binancePair(asset: Asset): string {
  return `${asset.symbol}USDT`;
}
