import { createHash } from 'node:crypto';
import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PeerId } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { multiaddr } from '@multiformats/multiaddr';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dialCandidates,
  isCircuitAddress,
  isDesignatedDialler,
  isWebRTCCircuitAddress,
} from '../src/node/addresses.js';
import {
  discoveryTopic,
  DISCOVERY_TOPIC_PATTERN,
  DISCOVERY_TOPIC_PREFIX,
} from '../src/node/topic.js';

const COOP = 'b3c1e0a4d5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

describe('discoveryTopic', () => {
  it('is the hex SHA-256 of the domain-separation prefix and the cooperative id', () => {
    const expected = createHash('sha256')
      .update(DISCOVERY_TOPIC_PREFIX + COOP, 'utf8')
      .digest('hex');
    expect(discoveryTopic(COOP)).toBe(expected);
    expect(discoveryTopic(COOP)).toMatch(DISCOVERY_TOPIC_PATTERN);
  });

  it('reveals neither the id nor its plain hash', () => {
    const topic = discoveryTopic(COOP);
    expect(topic).not.toContain(COOP);
    expect(topic).not.toBe(createHash('sha256').update(COOP, 'utf8').digest('hex'));
  });

  it('gives each cooperative its own topic', () => {
    expect(discoveryTopic(COOP)).not.toBe(discoveryTopic(COOP.replace(/0$/, '1')));
  });

  it('refuses an empty id', () => {
    expect(() => discoveryTopic('')).toThrow(RangeError);
  });
});

describe('dial candidates', () => {
  let peer: PeerId;
  let relay: PeerId;
  let other: PeerId;
  beforeAll(async () => {
    [peer, relay, other] = (await Promise.all(
      [0, 1, 2].map(async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519'))),
    )) as [PeerId, PeerId, PeerId];
  });

  const announced = () => [
    multiaddr(`/ip4/127.0.0.1/tcp/4001`),
    multiaddr(`/ip4/127.0.0.1/tcp/4002/ws/p2p/${peer}`),
    multiaddr(`/ip4/127.0.0.1/tcp/8081/ws/p2p/${relay}/p2p-circuit/webrtc/p2p/${peer}`),
    multiaddr(`/ip4/127.0.0.1/tcp/8081/ws/p2p/${relay}/p2p-circuit/p2p/${peer}`),
    multiaddr(`/ip4/10.0.0.9/tcp/4003/p2p/${other}`),
  ];

  it('tells relayed and relayed-WebRTC addresses apart', () => {
    const [tcp, ws, webrtc, circuit] = announced();
    expect([tcp, ws, webrtc, circuit].map((a) => a && isCircuitAddress(a))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect([tcp, ws, webrtc, circuit].map((a) => a && isWebRTCCircuitAddress(a))).toEqual([
      false,
      false,
      true,
      false,
    ]);
  });

  it('offers WebRTC through the relay first, then direct addresses, never a plain relayed one', () => {
    const { webRTC, direct } = dialCandidates(peer, announced(), { webRTC: true });
    expect(webRTC.map(String)).toEqual([
      `/ip4/127.0.0.1/tcp/8081/ws/p2p/${relay}/p2p-circuit/webrtc/p2p/${peer}`,
    ]);
    // Each ends with the peer's own id, so only that peer can answer; one naming another peer is dropped.
    expect(direct.map(String)).toEqual([
      `/ip4/127.0.0.1/tcp/4001/p2p/${peer}`,
      `/ip4/127.0.0.1/tcp/4002/ws/p2p/${peer}`,
    ]);
  });

  it('offers no WebRTC address to a node without WebRTC', () => {
    expect(dialCandidates(peer, announced(), { webRTC: false }).webRTC).toEqual([]);
  });

  it('designates exactly one of two peers to dial', () => {
    expect(isDesignatedDialler(peer, relay)).not.toBe(isDesignatedDialler(relay, peer));
    expect(isDesignatedDialler(peer, peer)).toBe(false);
  });
});
