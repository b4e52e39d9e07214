package dev.scim.core.wire;

import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import dev.scim.core.store.memory.InMemoryGroupStore;
import dev.scim.core.store.memory.InMemoryUserStore;

/** 20,000 members in the embedded store: GET returns the first 10,000 (GROUP_MEMBERS_LIMIT). */
class LargeGroupInMemoryTest extends LargeGroupContract {
    @Override
    UserStore users() { return new InMemoryUserStore(); }

    @Override
    GroupStore groups() { return new InMemoryGroupStore(); }

    @Override
    int members() { return 20_000; }
}
