package dev.scim.core.wire;

import dev.scim.core.store.GroupStore;
import dev.scim.core.store.UserStore;
import dev.scim.core.store.memory.InMemoryGroupStore;
import dev.scim.core.store.memory.InMemoryUserStore;

class ScimV1EndpointsInMemoryTest extends ScimV1EndpointsContract {
    @Override
    UserStore users() { return new InMemoryUserStore(); }

    @Override
    GroupStore groups() { return new InMemoryGroupStore(); }
}
