import { MemoryRepository } from './memory-repository.ts';
import { repositoryContract } from './repository.contract.ts';

repositoryContract('in-memory', (clock) => new MemoryRepository({ clock }));
