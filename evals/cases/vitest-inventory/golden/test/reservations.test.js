import { describe, expect, test } from 'vitest';
import { createInventory, InsufficientStock, UnknownReservation } from '../src/inventory.js';

function clocked(stock = { mug: 3 }) {
  const clock = { t: 0 };
  const inv = createInventory({ stock, holdMs: 1000, now: () => clock.t });
  return { inv, clock };
}

describe('reserve', () => {
  test('success: a reservation takes the stock', () => {
    const { inv } = clocked();
    const id = inv.reserve('mug', 2);
    expect(id).toMatch(/^r\d+$/);
    expect(inv.available('mug')).toBe(1);
  });

  test('boundary: the last unit can be reserved, one more cannot', () => {
    const { inv } = clocked();
    inv.reserve('mug', 3);
    expect(inv.available('mug')).toBe(0);
    expect(() => inv.reserve('mug', 1)).toThrow(InsufficientStock);
  });

  test('invalid input: zero, negative and fractional quantities are refused', () => {
    const { inv } = clocked();
    for (const q of [0, -1, 1.5]) {
      expect(() => inv.reserve('mug', q)).toThrow(RangeError);
    }
    expect(inv.available('mug')).toBe(3);
  });

  test('side effect: an expired hold gives the stock back', () => {
    const { inv, clock } = clocked();
    inv.reserve('mug', 2);
    clock.t = 999;
    expect(inv.available('mug')).toBe(1);
    clock.t = 1000;
    expect(inv.available('mug')).toBe(3);
  });
});

describe('release and commit', () => {
  test('side effect: release returns the stock', () => {
    const { inv } = clocked();
    const id = inv.reserve('mug', 2);
    inv.release(id);
    expect(inv.available('mug')).toBe(3);
    expect(() => inv.release(id)).toThrow(UnknownReservation);
  });

  test('success: a committed hold keeps the stock taken even after expiry', () => {
    const { inv, clock } = clocked();
    const id = inv.reserve('mug', 2);
    inv.commit(id);
    clock.t = 5000;
    expect(inv.available('mug')).toBe(1);
  });

  test('edge case: committing an expired hold fails', () => {
    const { inv, clock } = clocked();
    const id = inv.reserve('mug', 1);
    clock.t = 2000;
    expect(() => inv.commit(id)).toThrow(UnknownReservation);
  });
});
