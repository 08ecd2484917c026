import type { OrderSide } from "../domain/order.ts";
import { BPS_ONE, divRound, type Fixed } from "../money/fixed.ts";

/**
 * The price a market order fills at: the round's price moved against the taker by the slippage,
 * price × (10,000 ± slippageBps) / 10,000, rounded half away from zero. Buys pay more, sells get less.
 */
export function slippedPrice(referencePrice: Fixed, side: OrderSide, slippageBps: bigint): Fixed {
  if (slippageBps === 0n) return referencePrice;
  const factor = side === "buy" ? BPS_ONE + slippageBps : BPS_ONE - slippageBps;
  return divRound(referencePrice * factor, BPS_ONE);
}
