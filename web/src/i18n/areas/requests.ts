import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the requests area, French first (the source of keys), then English. */
export const requestsFr = {} as const satisfies Record<string, Message>;

export const requestsEn = {} as const satisfies AreaCatalog<typeof requestsFr>;
