package dev.scim.core.store.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The single-table key layout (docs/data-model.md). Every key starts with the tenant, so no request can reach
 * another tenant's items. One place builds keys so the user and group stores cannot drift apart.
 *
 * <pre>
 * item            pk                          sk          gsi1 (list order)           gsi2 (user's groups)   gsi3 (externalId)
 * user            T#t#U#{id}                  U           T#t#USERS / {created}#{id}                          T#t#UEXT#{ext} / {id}
 * userName claim  T#t#UN#{lower(userName)}    UN
 * group           T#t#G#{id}                  G           T#t#GROUPS / {created}#{id}                         T#t#GEXT#{ext} / {id}
 * group name      T#t#GN#{lower(name)}        GN
 * membership      T#t#G#{groupId}             M#{userId}                              T#t#MU#{userId} / G#{groupId}
 * tenant counters T#t                         STATS       (users, groups: ADD in the same transaction)
 * </pre>
 */
public final class DynamoDbKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1 = "gsi1";
    public static final String GSI1_PK = "gsi1pk";
    public static final String GSI1_SK = "gsi1sk";
    public static final String GSI2 = "gsi2";
    public static final String GSI2_PK = "gsi2pk";
    public static final String GSI2_SK = "gsi2sk";
    public static final String GSI3 = "gsi3";
    public static final String GSI3_PK = "gsi3pk";
    public static final String GSI3_SK = "gsi3sk";

    public static final String USER_SK = "U";
    public static final String USER_NAME_SK = "UN";
    public static final String GROUP_SK = "G";
    public static final String GROUP_NAME_SK = "GN";
    public static final String MEMBER_SK_PREFIX = "M#";
    public static final String STATS_SK = "STATS";

    /** Fixed-width UTC timestamps, so the string order of gsi1sk is the time order. */
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DynamoDbKeys() {}

    static String tenant(String t) { return "T#" + t; }

    public static String user(String t, String id) { return tenant(t) + "#U#" + id; }

    public static String userName(String t, String userName) { return tenant(t) + "#UN#" + lower(userName); }

    public static String users(String t) { return tenant(t) + "#USERS"; }

    public static String userExternalId(String t, String externalId) { return tenant(t) + "#UEXT#" + externalId; }

    public static String group(String t, String id) { return tenant(t) + "#G#" + id; }

    public static String groupName(String t, String displayName) { return tenant(t) + "#GN#" + lower(displayName); }

    public static String groups(String t) { return tenant(t) + "#GROUPS"; }

    public static String groupExternalId(String t, String externalId) { return tenant(t) + "#GEXT#" + externalId; }

    public static String memberSk(String userId) { return MEMBER_SK_PREFIX + userId; }

    public static String userMemberships(String t, String userId) { return tenant(t) + "#MU#" + userId; }

    public static String membershipGroupSk(String groupId) { return "G#" + groupId; }

    public static String stats(String t) { return tenant(t); }

    public static String listSortKey(Instant created, String id) { return SORTABLE.format(created) + "#" + id; }

    /** Case folding for uniqueness: Locale.ROOT so a Turkish default locale cannot change what "unique" means. */
    public static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
