import { entryId } from '@integrale/ledger';
import { afterEach, describe, expect, it } from 'vitest';
import {
  COMMON_SERVICES,
  fundAccountOf,
  openCommonServices,
  readServices,
  serviceChangeText,
  serviceOfText,
} from '../src/index.js';
import { startCooperative, type Cooperative } from './helpers/members.js';

/*
 * The common services over real peers: six accounts opened by the founder's device at founding,
 * named in the root document, seen by a newcomer; a description changed by an adopted decision;
 * a hostile services map ignored entry by entry.
 */

let cooperative: Cooperative | undefined;
afterEach(async () => {
  await cooperative?.stopAll();
  cooperative = undefined;
});

const IN_A_WEEK = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();

describe('common services', { timeout: 30_000 }, () => {
  it('opens the six services at founding, stewarded by the founder, and a newcomer sees them', async () => {
    cooperative = await startCooperative('alice');
    const alice = cooperative.founder;
    const services = readServices(alice.peer.root().doc(), alice.peer.ledger);
    expect(services.map((s) => s.id)).toStrictEqual([...COMMON_SERVICES]);
    for (const service of services) {
      expect(service.stewards).toStrictEqual([alice.did]);
      expect(service.threshold).toBe(1);
      expect(service.balance).toBe(0);
    }
    const kinds = alice.peer.ledger.report().accounts;
    const fund = fundAccountOf(alice.peer.root().doc(), alice.peer.ledger);
    expect(fund).not.toBeNull();
    expect(kinds?.[fund!]?.kind).toBe('fund');
    expect(Object.values(kinds ?? {}).filter((a) => a.kind === 'service')).toHaveLength(5);

    // The founder's first invite still works after the six accounts (they are in her feed).
    const bob = await cooperative.admit('bob');
    await cooperative.until(
      () => readServices(bob.peer.root().doc(), bob.peer.ledger).length === 6,
      [bob],
    );
    // Running it again opens nothing more.
    expect(await openCommonServices(alice.peer, alice.did, entryId)).toStrictEqual([]);
  });

  it('shows the description an adopted decision gave the service', async () => {
    cooperative = await startCooperative('alice');
    const alice = cooperative.founder;
    const proposal = await alice.peer.propose({
      title: 'Accueil : nouvelle description',
      text: serviceChangeText('accueil', 'Permanence le samedi matin.'),
      scope: 'federation',
      assembly: '',
      method: { kind: 'consent' },
      quorum: 1,
      closes: IN_A_WEEK,
      electorate: null,
      amends: null,
      effects: {},
    });
    const before = readServices(alice.peer.root().doc(), alice.peer.ledger);
    expect(before.find((s) => s.id === 'accueil')?.proposals).toStrictEqual([entryId(proposal)]);
    expect(before.find((s) => s.id === 'accueil')?.description).toBe('');
    await alice.peer.vote(entryId(proposal), 'agree', '');
    const outcome = await alice.peer.close(entryId(proposal));
    const after = readServices(alice.peer.root().doc(), alice.peer.ledger);
    const accueil = after.find((s) => s.id === 'accueil');
    expect(accueil?.description).toBe('Permanence le samedi matin.');
    expect(accueil?.describedBy).toBe(entryId(outcome));
    expect(after.find((s) => s.id === 'formation')?.description).toBe('');
  });

  it('ignores hostile entries of the services map', async () => {
    cooperative = await startCooperative('alice');
    const alice = cooperative.founder;
    const ledger = alice.peer.ledger;
    const doc = alice.peer.root().doc();
    const fund = fundAccountOf(doc, ledger)!;
    const accueil = doc.services!['accueil']!.account;
    const hostile = {
      services: {
        accueil: { account: fund, description: 'x' }, // the fund's account is not a service's
        formation: { account: 'not-an-id', description: '' },
        pilotage: null,
        monnaie: { account: accueil, description: 42 },
        caisse: { account: fund, description: 'y'.repeat(2_001) },
        __proto__: { account: accueil },
        inconnu: { account: accueil, description: '' },
      },
    };
    const views = readServices(hostile, ledger);
    expect(views.map((s) => s.id)).toStrictEqual(['monnaie', 'caisse']);
    expect(views[0]?.description).toBe('');
    expect(views[1]?.description).toBe('');
    for (const junk of [undefined, null, 7, 'x', [], { services: [] }, { services: 'x' }])
      expect(readServices(junk, ledger)).toStrictEqual([]);
  });

  it('reads the marker only at the end of a proposal text, for a known service', () => {
    expect(serviceOfText('Bla\n\n[service:formation]')).toStrictEqual({
      service: 'formation',
      description: 'Bla',
    });
    expect(serviceOfText('[service:formation] puis du texte')).toBeNull();
    expect(serviceOfText('Bla [service:inconnu]')).toBeNull();
    expect(serviceOfText('')).toBeNull();
  });
});
