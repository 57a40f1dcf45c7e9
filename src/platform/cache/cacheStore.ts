/** Where a Cache keeps its serialized values: an in-process LRU or Redis. Errors are the Cache's to absorb. */
export type CacheStore = {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
};
