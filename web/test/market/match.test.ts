import { describe, expect, it } from 'vitest';
import { matchScore, significantWords, suggestOffers } from '../../src/market/match.js';

const offers = [
  { id: 'a', title: 'Réparation de vélo', description: 'freins, chaînes', category: 'services' },
  { id: 'b', title: 'Prêt de perceuse', description: 'outils de bricolage', category: 'outils' },
  { id: 'c', title: 'Coup de main déménagement', description: 'camionnette', category: 'services' },
  { id: 'd', title: 'Vélos d’occasion', description: '', category: 'transport' },
];

describe('suggestions', () => {
  it('reads significant words without case, accents, plurals or common words', () => {
    expect([...significantWords('Les Vélos de la ville')]).toEqual(['velo', 'ville']);
  });

  it('scores shared words, and the same category more', () => {
    const want = { title: 'vélo crevé', description: '', category: 'services' as const };
    expect(matchScore(want, offers[0]!)).toBe(4);
    expect(matchScore(want, offers[3]!)).toBe(1);
    expect(matchScore(want, offers[1]!)).toBe(0);
  });

  it('suggests the best offers first, for a want or a project need', () => {
    const want = { title: 'Cherche vélo', description: '', category: 'services' as const };
    expect(suggestOffers(want, offers).map((o) => o.id)).toEqual(['a', 'd']);
    const need = { title: 'perceuse', description: 'pour le local', category: 'outils' as const };
    expect(suggestOffers(need, offers).map((o) => o.id)).toEqual(['b']);
    // A need with no words of its own matches its category only.
    const bare = { title: 'des', description: '', category: 'services' as const };
    expect(suggestOffers(bare, offers).map((o) => o.id)).toEqual(['a', 'c']);
    // No category (money): words only.
    const money = { title: 'déménagement', description: '', category: null };
    expect(suggestOffers(money, offers).map((o) => o.id)).toEqual(['c']);
  });

  it('is not fooled by hostile text and respects the limit', () => {
    const want = { title: '(((((((((((a', description: '\u0000', category: null };
    expect(suggestOffers(want, offers)).toEqual([]);
    const many = Array.from({ length: 20 }, (_, i) => ({
      ...offers[0]!,
      id: String(i).padStart(2, '0'),
    }));
    const bike = { title: 'vélo', description: '', category: null };
    expect(suggestOffers(bike, many, 3).map((o) => o.id)).toEqual(['00', '01', '02']);
  });
});
