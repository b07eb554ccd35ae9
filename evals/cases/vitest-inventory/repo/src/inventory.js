// Reservations hold stock for a while during checkout; an expired hold gives the stock back.

export class InsufficientStock extends Error {}
export class UnknownReservation extends Error {}

export function createInventory({ stock = {}, holdMs = 10 * 60 * 1000, now = () => Date.now() } = {}) {
  const onHand = new Map(Object.entries(stock));
  const holds = new Map();
  let nextId = 1;

  function expire() {
    for (const [id, hold] of holds) {
      if (hold.expiresAt <= now()) {
        onHand.set(hold.sku, onHand.get(hold.sku) + hold.quantity);
        holds.delete(id);
      }
    }
  }

  return {
    available(sku) {
      expire();
      return onHand.get(sku) ?? 0;
    },
    reserve(sku, quantity) {
      if (!Number.isInteger(quantity) || quantity <= 0) {
        throw new RangeError('quantity must be a positive integer');
      }
      expire();
      const left = onHand.get(sku) ?? 0;
      if (left < quantity) {
        throw new InsufficientStock(`${sku}: ${left} left, ${quantity} wanted`);
      }
      onHand.set(sku, left - quantity);
      const id = `r${nextId++}`;
      holds.set(id, { sku, quantity, expiresAt: now() + holdMs });
      return id;
    },
    release(id) {
      const hold = holds.get(id);
      if (!hold) throw new UnknownReservation(id);
      holds.delete(id);
      onHand.set(hold.sku, onHand.get(hold.sku) + hold.quantity);
    },
    commit(id) {
      expire();
      if (!holds.delete(id)) throw new UnknownReservation(id);
    },
  };
}
