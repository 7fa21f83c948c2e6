/*
 * The totals of a purchase round: what each member owes (their quantities times the prices),
 * and what goes to each supplier, in the cooperative's currency and, for a supplier paid in
 * euros, in euro cents. Computed in BigInt: quantities (≤ 100 000) times prices (≤ 10^12) go past
 * what a double holds exactly. Pure; never a float.
 */

/** What the totals read of a product. */
export interface PricedProduct {
  readonly id: string;
  readonly supplier: string;
  readonly price: number;
  readonly priceEuroCents: number | null;
}

/** What the totals read of a supplier. */
export interface SupplierLike {
  readonly id: string;
  readonly needsEuros: boolean;
}

/** One supplier's total. */
export interface SupplierTotal {
  readonly supplier: string;
  /** Units of each product ordered, by product id (products nobody ordered are left out). */
  readonly quantities: Readonly<Record<string, bigint>>;
  /** Minor units of the cooperative's currency. */
  readonly total: bigint;
  /** Euro cents, for a supplier paid in euros; else `null`. */
  readonly euroCents: bigint | null;
}

/** A round's totals. */
export interface RoundTotals {
  /** Each member's total in minor units, by did (members whose order is empty are left out). */
  readonly perMember: ReadonlyMap<string, bigint>;
  readonly perSupplier: readonly SupplierTotal[];
  /** The sum of every member's total (equals the sum over suppliers). */
  readonly total: bigint;
}

/** A member's total for their quantities (unknown products and bad quantities count nothing). */
export function orderTotal(
  products: readonly PricedProduct[],
  quantities: Readonly<Record<string, number>>,
): bigint {
  let total = 0n;
  for (const product of products) {
    const quantity = quantities[product.id];
    if (!Object.hasOwn(quantities, product.id) || !isQuantity(quantity)) continue;
    total += BigInt(quantity) * BigInt(product.price);
  }
  return total;
}

function isQuantity(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** The totals of a round over the orders that count, by member did. */
export function roundTotals(
  suppliers: readonly SupplierLike[],
  products: readonly PricedProduct[],
  orders: ReadonlyMap<string, Readonly<Record<string, number>>>,
): RoundTotals {
  const perMember = new Map<string, bigint>();
  const ordered = new Map<string, bigint>();
  for (const [member, quantities] of orders) {
    const total = orderTotal(products, quantities);
    if (total > 0n) perMember.set(member, total);
    for (const product of products) {
      const quantity = quantities[product.id];
      if (!Object.hasOwn(quantities, product.id) || !isQuantity(quantity)) continue;
      ordered.set(product.id, (ordered.get(product.id) ?? 0n) + BigInt(quantity));
    }
  }
  const perSupplier = suppliers.map((supplier): SupplierTotal => {
    const quantities: Record<string, bigint> = {};
    let total = 0n;
    let euroCents: bigint | null = supplier.needsEuros ? 0n : null;
    for (const product of products) {
      if (product.supplier !== supplier.id) continue;
      const quantity = ordered.get(product.id);
      if (quantity === undefined) continue;
      quantities[product.id] = quantity;
      total += quantity * BigInt(product.price);
      if (euroCents !== null) euroCents += quantity * BigInt(product.priceEuroCents ?? 0);
    }
    return { supplier: supplier.id, quantities, total, euroCents };
  });
  let total = 0n;
  for (const value of perMember.values()) total += value;
  return { perMember, perSupplier, total };
}

/** A total as a ledger amount (1 … 10^12), or `null` when it cannot be paid in one entry. */
export function payableAmount(total: bigint): number | null {
  return total >= 1n && total <= 1_000_000_000_000n ? Number(total) : null;
}
