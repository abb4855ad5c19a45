import { READS_OF_OPERATION, SERVICE_OF_CLIENT } from './read-operations';
import { serviceOfRead, type ApiError, type Inventory, type ReadId } from './types';

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

/**
 * The failed reads that matter to a run of `reads` over the inventory's regions: those of the reads it needs, in
 * an audited region or global. A saved inventory may hold errors of other checks and regions; naming them would
 * send the user to fix what this run never needed. A whole-service failure, or an operation READ_OPERATIONS does
 * not know, counts when its service is read at all: an error is never hidden for want of a table entry.
 */
export function readErrorsFor(inventory: Inventory, reads: readonly ReadId[]): ApiError[] {
  const wanted = new Set(reads);
  const services = new Set<string>(reads.map(serviceOfRead));
  const regions = new Set([...inventory.regions, 'global']);
  return listReadErrors(inventory).filter((e) => {
    if (!regions.has(e.region)) return false;
    const served = READS_OF_OPERATION.get(`${e.service}:${e.operation}`);
    return served ? served.some((r) => wanted.has(r)) : services.has(SERVICE_OF_CLIENT[e.service] ?? e.service);
  });
}
