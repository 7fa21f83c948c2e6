import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the network area, French first (the source of keys), then English. */
export const networkFr = {} as const satisfies Record<string, Message>;

export const networkEn = {} as const satisfies AreaCatalog<typeof networkFr>;
