package dev.scim.core.store;

import dev.scim.core.store.memory.InMemoryUserStore;

/** The user store contract against the embedded store. */
class InMemoryUserStoreTest extends UserStoreContract {
    @Override
    protected UserStore newStore() {
        return new InMemoryUserStore();
    }
}
