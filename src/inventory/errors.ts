import type { ApiError, Inventory } from './types';

/** Every failed read in the inventory, wherever it sits, plus whole-service failures. */
export function listReadErrors(inventory: Inventory): ApiError[] {
  const found: ApiError[] = [...inventory.errors];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
    } else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.ok === false && typeof record.error === 'object') {
        found.push(record.error as ApiError);
        return;
      }
      Object.values(record).forEach(walk);
    }
  };
  for (const service of inventory.services) walk((inventory as unknown as Record<string, unknown>)[service]);
  return found;
}
