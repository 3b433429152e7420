import { DexieRepository } from './dexie-repository.ts';
import { repositoryContract } from './repository.contract.ts';

let n = 0;
repositoryContract('Dexie (fake-indexeddb)', () => new DexieRepository(`test-${++n}`));
