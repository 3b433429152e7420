/**
 * A repository that commits its own way and answers everything else as `repo` does: the way the
 * state layer puts a rule in front of every commit (`autoNotifying`, `committingInWorker`)
 * without each caller knowing about it.
 */
import type { Repository } from '../storage/repository.ts';

export function withCommit<R extends Repository>(repo: R, commit: Repository['commit']): R {
  return new Proxy(repo, {
    get(target, property) {
      if (property === 'commit') return commit;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
