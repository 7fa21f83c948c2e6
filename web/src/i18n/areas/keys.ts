import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the keys area, French first (the source of keys), then English. */
export const keysFr = {} as const satisfies Record<string, Message>;

export const keysEn = {} as const satisfies AreaCatalog<typeof keysFr>;
