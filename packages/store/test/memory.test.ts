import { createMemoryStore } from '../src/memory.js';
import { storeContract } from './contract.js';

storeContract('memory', async () => createMemoryStore());
