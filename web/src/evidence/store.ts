import type { EvidenceFile } from './files.ts';

/**
 * Evidence files on the device: IndexedDB, not localStorage (it holds megabytes, and Blobs as they
 * are), so photos survive a reload and a closed browser beside the record waiting in the outbox.
 */
export interface FileStore {
  all(): Promise<EvidenceFile[]>;
  put(file: EvidenceFile): Promise<void>;
  remove(id: string): Promise<void>;
}

const DB = 'xjc-evidence';
const FILES = 'files';

const done = <T>(request: IDBRequest<T>) => new Promise<T>((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

export function indexedDbStore(factory: IDBFactory = indexedDB): FileStore {
  let opened: Promise<IDBDatabase> | undefined;
  const db = () => (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(FILES, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  }));
  const store = async (mode: IDBTransactionMode) => (await db()).transaction(FILES, mode).objectStore(FILES);
  return {
    all: async () => done((await store('readonly')).getAll() as IDBRequest<EvidenceFile[]>),
    put: async (file) => { await done((await store('readwrite')).put(file)); },
    remove: async (id) => { await done((await store('readwrite')).delete(id)); },
  };
}

/**
 * The files of one person (owner.ts): another person signed in on the same device neither lists
 * nor uploads them. A file kept before files had owners goes to the first person who lists them,
 * as the outbox's entries do.
 */
export function ownedBy(store: FileStore, owner: string): FileStore {
  return {
    async all() {
      const mine: EvidenceFile[] = [];
      for (const file of await store.all()) {
        if (file.owner === undefined) {
          const adopted = { ...file, owner };
          await store.put(adopted);
          mine.push(adopted);
        } else if (file.owner === owner) mine.push(file);
      }
      return mine;
    },
    put: (file) => store.put({ ...file, owner }),
    remove: (id) => store.remove(id),
  };
}

/** The same in memory (unit tests). */
export function memoryStore(): FileStore & { data: Map<string, EvidenceFile> } {
  const data = new Map<string, EvidenceFile>();
  return {
    data,
    all: async () => [...data.values()],
    put: async (file) => { data.set(file.id, file); },
    remove: async (id) => { data.delete(id); },
  };
}
