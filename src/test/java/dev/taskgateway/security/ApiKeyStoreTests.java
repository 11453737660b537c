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
        String sha = HexFormat.of().formatHex(ApiKeyStore.sha256("s3cret-ops"));
        ApiKeyStore store = ApiKeyStore.of(List.of(key("dash", "s3cret-dash", null, "read"),
                key("ops", null, sha, "read", "operate")));

        assertThat(store.verify("s3cret-dash")).map(ApiKeyStore.Principal::name).contains("dash");
        assertThat(store.verify("s3cret-ops")).map(ApiKeyStore.Principal::roles).contains(Set.of("read", "operate"));
        assertThat(store.verify("s3cret-other")).isEmpty();
        assertThat(store.verify("")).isEmpty();
    }

    @Test
    void keyAndHashTogetherAreRefusedWithoutEchoingEither() {
        assertThatThrownBy(() -> ApiKeyStore.of(List.of(key("x", "clear-key-value", "ab".repeat(32), "read"))))
                .hasMessageContaining("api-keys[0].key").hasMessageContaining("exactly one")
                .hasMessageNotContaining("clear-key-value");
    }

    @Test
    void unknownRoleMalformedHashAndDuplicateNamesAreRefused() {
        assertThatThrownBy(() -> ApiKeyStore.of(List.of(key("x", "k", null, "superuser"))))
                .hasMessageContaining("roles");
        assertThatThrownBy(() -> ApiKeyStore.of(List.of(key("x", null, "xyz", "read"))))
                .hasMessageContaining("key-sha256");
        assertThatThrownBy(() -> ApiKeyStore.of(List.of(key("x", "a", null, "read"), key("x", "b", null, "read"))))
                .hasMessageContaining("unique name");
    }
}
