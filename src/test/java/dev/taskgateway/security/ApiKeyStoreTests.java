package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyStoreTests {

    private static SecurityProperties.ApiKey key(String name, String clear, String sha, String... roles) {
        SecurityProperties.ApiKey key = new SecurityProperties.ApiKey();
        key.setName(name);
        key.setKey(clear);
        key.setKeySha256(sha);
        key.setRoles(Set.of(roles));
        return key;
    }

    @Test
    void clearAndHashedKeysBothVerifyAndOthersDoNot() {
        String sha = HexFormat.of().formatHex(ApiKeyStore.sha256("s3cret-ops-0123456"));
        ApiKeyStore store = ApiKeyStore.of(16, List.of(key("dash", "s3cret-dash-0123456", null, "read"),
                key("ops", null, sha, "read", "operate")));

        assertThat(store.verify("s3cret-dash-0123456")).map(ApiKeyStore.Principal::name).contains("dash");
        assertThat(store.verify("s3cret-ops-0123456")).map(ApiKeyStore.Principal::roles).contains(Set.of("read", "operate"));
        assertThat(store.verify("s3cret-other-0123456")).isEmpty();
        assertThat(store.verify("")).isEmpty();
    }

    @Test
    void aConfiguredKeyIsTrimmedSoAKeyReadFromAFileWithItsNewlineMatches() {
        String sha = HexFormat.of().formatHex(ApiKeyStore.sha256("s3cret-ops-0123456"));
        ApiKeyStore store = ApiKeyStore.of(16, List.of(key("dash", "s3cret-dash-0123456\n", null, "read"),
                key("ops", null, " " + sha.toUpperCase() + "\n", "read", "operate")));

        assertThat(store.verify("s3cret-dash-0123456")).map(ApiKeyStore.Principal::name).contains("dash");
        assertThat(store.verify("s3cret-ops-0123456")).map(ApiKeyStore.Principal::name).contains("ops");
    }

    @Test
    void aKeyShorterThanTheMinimumIsRefusedNamingItWithoutEchoingIt() {
        assertThatThrownBy(() -> ApiKeyStore.of(16, List.of(key("ops", "  short-key-123  ", null, "read"))))
                .hasMessageContaining("taskgateway.security.api-keys[0].key").hasMessageContaining("at least 16")
                .hasMessageNotContaining("short-key-123");
        assertThat(ApiKeyStore.of(1, List.of(key("demo", "demo", null, "read"))).verify("demo")).isPresent();
    }

    @Test
    void keyAndHashTogetherAreRefusedWithoutEchoingEither() {
        assertThatThrownBy(() -> ApiKeyStore.of(16, List.of(key("x", "clear-key-value", "ab".repeat(32), "read"))))
                .hasMessageContaining("api-keys[0].key").hasMessageContaining("exactly one")
                .hasMessageNotContaining("clear-key-value");
    }

    @Test
    void unknownRoleMalformedHashAndDuplicateNamesAreRefused() {
        assertThatThrownBy(() -> ApiKeyStore.of(1, List.of(key("x", "k", null, "superuser"))))
                .hasMessageContaining("roles");
        assertThatThrownBy(() -> ApiKeyStore.of(1, List.of(key("x", null, "xyz", "read"))))
                .hasMessageContaining("key-sha256");
        assertThatThrownBy(() -> ApiKeyStore.of(1, List.of(key("x", "a", null, "read"), key("x", "b", null, "read"))))
                .hasMessageContaining("unique name");
    }
}
