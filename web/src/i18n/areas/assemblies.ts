import type { AreaCatalog, Message } from '../catalog.js';

/** Messages of the assemblies area, French first (the source of keys), then English. */
export const assembliesFr = {} as const satisfies Record<string, Message>;

export const assembliesEn = {} as const satisfies AreaCatalog<typeof assembliesFr>;
