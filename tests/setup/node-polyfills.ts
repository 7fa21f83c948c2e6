// Node 20 lacks Promise.withResolvers, which libp2p's dependencies call (NETWORK-NOTES gotcha 1).
// Loaded before every test file; core-js's polyfill does nothing where the platform has it.
import 'core-js/actual/promise/with-resolvers.js';
