/**
 * The two outcomes of a market order (seed 002, "Possible Statuses: FILLED, CANCELLED"): there are
 * no pending orders. A cancelled order carries a typed denial saying why.
 */
export const orderStatuses = ["FILLED", "CANCELLED"] as const;
export type OrderStatus = (typeof orderStatuses)[number];
