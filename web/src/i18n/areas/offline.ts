import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the offline area, French first (the source of keys), then English. */
export const offlineFr = {} as const satisfies Record<string, Message>;

export const offlineEn = {} as const satisfies AreaCatalog<typeof offlineFr>;
