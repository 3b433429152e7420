import { describe, expect, it } from 'vitest';
import { writeInSteps, type StoreWrite } from './write-steps.ts';

let n = 0;

/** A fresh database with a `rows` store keyed by `id` (fake-indexeddb, see the test setup). */
function openRows(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(`write-steps-${++n}`, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('rows', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function allRows(db: IDBDatabase): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = db.transaction('rows').objectStore('rows').getAll();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The store with its `put` calls counted, to see how many requests one step makes. */
function counted(store: IDBObjectStore): { store: IDBObjectStore; calls: () => number } {
  let calls = 0;
  const put = store.put.bind(store);
  const wrapped = Object.assign(Object.create(store) as IDBObjectStore, {
    put: (value: unknown) => {
      calls++;
      return put(value);
    },
    transaction: store.transaction,
  });
  return { store: wrapped, calls: () => calls };
}

/** A clock that moves one millisecond every time it is read. */
function tickingClock(): () => number {
  let ms = 0;
  return () => ms++;
}

const rows = (count: number, from = 0) => Array.from({ length: count }, (_, i) => ({ id: from + i }));

interface Run {
  tx: IDBTransaction;
  settled: Promise<void>;
  done: Promise<void>;
}

/** Runs `writeInSteps` in a fresh readwrite transaction; `done` settles when it commits or aborts. */
function run(
  db: IDBDatabase,
  writes: (tx: IDBTransaction) => StoreWrite[],
  options: Parameters<typeof writeInSteps>[1],
): Run {
  const tx = db.transaction('rows', 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
  const settled = writeInSteps(writes(tx), options);
  return { tx, settled, done };
}

describe('writeInSteps', () => {
  it.each([
    { name: 'the budget ends a step', items: 40, budgetMs: 4, stepMax: undefined, firstTask: 8 },
    { name: 'stepMax ends a step', items: 40, budgetMs: Infinity, stepMax: 10, firstTask: 20 },
    {
      name: 'everything at once without a limit',
      items: 40,
      budgetMs: Infinity,
      stepMax: undefined,
      firstTask: 40,
    },
    { name: 'at least one request per step', items: 5, budgetMs: 0, stepMax: undefined, firstTask: 2 },
  ])('makes its requests in steps: $name', async ({ items, budgetMs, stepMax, firstTask }) => {
    const db = await openRows();
    let probe: ReturnType<typeof counted> | undefined;
    const progress: number[] = [];
    const { settled, done } = run(
      db,
      (tx) => {
        probe = counted(tx.objectStore('rows'));
        return [
          {
            store: probe.store,
            method: 'put',
            items: rows(items),
            progressEvery: 10,
            onProgress: (count) => progress.push(count),
          },
        ];
      },
      { stepBudgetMs: budgetMs, now: tickingClock(), ...(stepMax !== undefined ? { stepMax } : {}) },
    );
    // Only the first two steps (the two kept ahead) are made before the thread is given back.
    expect(probe?.calls()).toBe(firstTask);
    await settled;
    await done;
    expect(probe?.calls()).toBe(items);
    expect(await allRows(db)).toHaveLength(items);
    expect(progress.at(-1)).toBe(items);
    db.close();
  });

  it('tells how long each step ran by its clock', async () => {
    const db = await openRows();
    // Each request takes a millisecond of this clock, and nothing else does.
    let ms = 0;
    const steps: number[] = [];
    const { settled, done } = run(
      db,
      (tx) => {
        const store = tx.objectStore('rows');
        const slow = Object.assign(Object.create(store) as IDBObjectStore, {
          put: (value: unknown) => {
            ms += 1;
            return store.put(value);
          },
          transaction: store.transaction,
        });
        return [{ store: slow, method: 'put', items: rows(35) }];
      },
      { stepBudgetMs: Infinity, stepMax: 10, now: () => ms, onStep: (stepMs) => steps.push(stepMs) },
    );
    await settled;
    await done;
    expect(steps).toEqual([10, 10, 10, 5]);
    db.close();
  });

  it('writes several stores and methods in order, mapping rows, across steps', async () => {
    const db = await openRows();
    const { settled, done } = run(
      db,
      (tx) => {
        const store = tx.objectStore('rows');
        return [
          { store, method: 'put', items: rows(30) },
          { store, method: 'put', items: [] },
          { store, method: 'delete', items: [3, 4, 5] },
          { store, method: 'add', items: [100, 101], row: (id, i) => ({ id, index: i }) },
        ];
      },
      { stepBudgetMs: 1, stepMax: 7, now: tickingClock() },
    );
    await settled;
    await done;
    const ids = (await allRows(db)).map((row) => (row as { id: number }).id);
    expect(ids).toEqual([
      ...rows(30)
        .map((r) => r.id)
        .filter((id) => id < 3 || id > 5),
      100,
      101,
    ]);
    db.close();
  });

  it.each([
    {
      name: 'an existing key added in the last step',
      bad: { id: 0 },
    },
    {
      name: 'a row without a key in the last step',
      bad: { name: 'no id' },
    },
  ])('leaves nothing written when a write fails midway: $name', async ({ bad }) => {
    const db = await openRows();
    await run(db, (tx) => [{ store: tx.objectStore('rows'), method: 'put', items: [{ id: 0 }] }], {
      stepBudgetMs: Infinity,
    }).done;

    const { settled, done } = run(
      db,
      (tx) => {
        const store = tx.objectStore('rows');
        return [
          { store, method: 'put', items: rows(50, 1) },
          { store, method: 'add', items: [...rows(20, 1000), bad] },
        ];
      },
      { stepBudgetMs: Infinity, stepMax: 10 },
    );
    await expect(settled).rejects.toBeDefined();
    await expect(done).rejects.toBeDefined();
    expect(await allRows(db)).toEqual([{ id: 0 }]);
    db.close();
  });
});
