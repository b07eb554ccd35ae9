import { expect, test } from 'vitest';
import { createInventory } from '../src/inventory.js';

test('available reports stock on hand', () => {
  expect(createInventory({ stock: { mug: 3 } }).available('mug')).toBe(3);
});
