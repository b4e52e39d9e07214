package dev.scim.core.store;

import dev.scim.core.store.memory.InMemoryGroupStore;

/** The group store contract against the embedded store ({@code ./scim local}). */
class InMemoryGroupStoreTest extends GroupStoreContract {
    @Override
    protected GroupStore newStore() { return new InMemoryGroupStore(); }

    @Override
    protected int largeGroupSize() { return 20_000; }
}
