import { MemoryStore } from '../src/store/memory-store.js';
import { runStoreContract } from './store-contract.js';

runStoreContract('memory', async (clock) => ({ store: new MemoryStore(clock.now) }));
