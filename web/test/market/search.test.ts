import { describe, expect, it } from 'vitest';
import { foldText, isCategory, searchListings } from '../../src/market/search.js';

const listings = [
  { id: '1', title: 'Réparation de vélo', description: 'Freins et chaînes', category: 'services' },
  { id: '2', title: 'Œufs frais', description: 'De nos poules', category: 'alimentation' },
  { id: '3', title: 'Cours de CÉRAMIQUE', description: '', category: 'savoirs' },
];

describe('directory search', () => {
  it('folds case, accents and ligatures', () => {
    expect(foldText('  Réparation   de VÉLO ')).toBe('reparation de velo');
    expect(foldText('Œufs')).toBe('oeufs');
  });

  it('finds « Réparation de vélo » by typing "velo"', () => {
    expect(searchListings(listings, 'velo', '').map((l) => l.id)).toEqual(['1']);
    expect(searchListings(listings, 'VÉLO freins', '').map((l) => l.id)).toEqual(['1']);
    expect(searchListings(listings, 'ceramique', '').map((l) => l.id)).toEqual(['3']);
    expect(searchListings(listings, 'oeufs', '').map((l) => l.id)).toEqual(['2']);
  });

  it('filters by category, alone or with words', () => {
    expect(searchListings(listings, '', 'alimentation').map((l) => l.id)).toEqual(['2']);
    expect(searchListings(listings, 'velo', 'alimentation')).toEqual([]);
    expect(searchListings(listings, '   ', '').length).toBe(3);
  });

  it('takes hostile queries as plain text', () => {
    expect(searchListings(listings, '.*', '')).toEqual([]);
    expect(searchListings(listings, '<script>alert(1)</script>', '')).toEqual([]);
    expect(searchListings(listings, 'v'.repeat(100_000), '')).toEqual([]);
    expect(searchListings(listings, '\u202evelo', '')).toEqual([]);
    expect(isCategory('weapons')).toBe(false);
    expect(isCategory('outils')).toBe(true);
  });
});
