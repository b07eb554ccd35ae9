import { expect, test } from 'vitest';
import { createInventory } from '../src/inventory.js';

test('reserve works', () => {
  const inv = createInventory({ stock: { mug: 3 } });
  expect(inv.reserve('mug', 1)).toBeDefined();
});
