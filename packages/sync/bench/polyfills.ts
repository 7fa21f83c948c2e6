// Node 20 lacks Promise.withResolvers, which libp2p's dependencies call (NETWORK-NOTES gotcha 1).
// Imported first by every benchmark entry point; core-js's polyfill does nothing where the
// platform already has it.
import 'core-js/actual/promise/with-resolvers.js';
