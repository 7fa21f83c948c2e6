import { describe, expect, it } from 'vitest';
import { ROUTES, ROUTE_SLUGS, parseRoute, routeHref } from '../src/app/routes.js';

describe('routes', () => {
  it('opens home on an empty address', () => {
    for (const hash of ['', '#', '#/', '#//'])
      expect(parseRoute(hash)).toEqual({ id: 'home', query: '' });
  });

  it('knows every screen by its French and its English address', () => {
    for (const id of ROUTES) {
      expect(parseRoute(`#/${ROUTE_SLUGS[id].fr}`).id).toBe(id);
      expect(parseRoute(`#/${ROUTE_SLUGS[id].en}`).id).toBe(id);
      expect(parseRoute(routeHref(id, 'fr')).id).toBe(id);
      expect(parseRoute(routeHref(id, 'en')).id).toBe(id);
    }
    expect(routeHref('network', 'fr')).toBe('#/reseau');
    expect(routeHref('network', 'en')).toBe('#/network');
  });

  it('accepts addresses typed with accents or capitals, encoded or not', () => {
    expect(parseRoute('#/créer').id).toBe('create');
    expect(parseRoute('#/cr%C3%A9er').id).toBe('create');
    expect(parseRoute('#/R%C3%A9seau/').id).toBe('network');
    expect(parseRoute('#/Clés').id).toBe('keys');
    expect(parseRoute('membres').id).toBe('members');
  });

  it('hands over the query of the fragment untouched', () => {
    expect(parseRoute('#/join?v=1&name=a%20b')).toEqual({ id: 'join', query: 'v=1&name=a%20b' });
    expect(parseRoute('#/rejoindre?x=%ZZ')).toEqual({ id: 'join', query: 'x=%ZZ' });
  });

  it('says not-found for anything else', () => {
    for (const hash of [
      '#/nowhere',
      '#/%E0%A4%A',
      '#/membres/42',
      '#/__proto__',
      '#/constructor',
    ]) {
      expect(parseRoute(hash).id).toBe('not-found');
    }
  });
});
