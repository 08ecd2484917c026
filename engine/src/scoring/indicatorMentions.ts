/**
 * Technical indicators recognised in an agent's reasoning, for the Agent Quality Index's signal
 * sophistication (seed 003: "variety of technical indicators used ... e.g., MACD, RSI, Bollinger").
 * Canonical name → pattern (case-insensitive, whole words).
 */
export const indicatorPatterns: Readonly<Record<string, RegExp>> = {
  ADX: /\b(adx|average directional (index|movement))\b/i,
  ATR: /\b(atr|average true range)\b/i,
  Bollinger: /\bbollinger\b/i,
  CCI: /\b(cci|commodity channel index)\b/i,
  Donchian: /\bdonchian\b/i,
  EMA: /\b(ema\d*|exponential moving average)\b/i,
  Fibonacci: /\bfib(onacci)?\b/i,
  Ichimoku: /\bichimoku\b/i,
  Keltner: /\bkeltner\b/i,
  MACD: /\bmacd\b/i,
  MFI: /\b(mfi|money flow index)\b/i,
  OBV: /\b(obv|on[- ]balance volume)\b/i,
  ParabolicSAR: /\b(parabolic sar|psar)\b/i,
  RSI: /\b(rsi|relative strength index)\b/i,
  SMA: /\b(sma\d*|simple moving average|moving average)\b/i,
  Stochastic: /\b(stochastic|stoch rsi|stochrsi)\b/i,
  VWAP: /\bvwap\b/i,
  WilliamsR: /\bwilliams\s*%r\b/i,
};

/** The canonical names of the indicators a text mentions, sorted. */
export function indicatorMentions(text: string): string[] {
  return Object.keys(indicatorPatterns)
    .filter((name) => (indicatorPatterns[name] as RegExp).test(text))
    .sort();
}

/**
 * The canonical name of a declared indicator ("rsi" → "RSI", "Bollinger Bands" → "Bollinger");
 * a name the vocabulary does not know is kept trimmed and lower-cased, so "Foo" and "foo" count once.
 */
export function canonicalIndicator(name: string): string {
  const known = indicatorMentions(name);
  return known.length === 1 ? (known[0] as string) : name.trim().toLowerCase();
}
