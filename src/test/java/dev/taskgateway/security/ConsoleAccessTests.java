package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.security.HttpProbe.Answer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the console needs from the security rules: its static files open to anyone under a strict
 * Content-Security-Policy, its API calls still keyed, and {@code GET /me} telling a key its roles.
 */
class ConsoleAccessTests extends SecuredGatewayTestBase {

    @Test
    void consoleFilesAreServedWithoutAKeyUnderAStrictContentSecurityPolicy() {
        for (String path : List.of("/console/", "/console/index.html", "/console/app.js", "/console/console.css")) {
            Answer answer = probe().get(path);

            assertThat(answer.status()).as(path).isEqualTo(200);
            String policy = answer.header("Content-Security-Policy");
            assertThat(policy).as(path).contains("default-src 'self'").contains("script-src 'self'")
                    .contains("style-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        assertThat(probe().get("/console/").body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(probe().get("/console/app.js").header("Content-Type")).contains("javascript");
    }

    @Test
    void consoleWithoutItsSlashRedirectsSoRelativeAssetsResolve() {
        Answer answer = probe().get("/console");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("/console/");
        assertThat(answer.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void theApiTheConsoleCallsStillNeedsAKey() {
        assertThat(probe().get("/sources").status()).isEqualTo(401);
        assertThat(probe().get("/me").status()).isEqualTo(401);
        assertThat(probe().get("/me", "X-API-Key", "not-a-key").status()).isEqualTo(401);
        // Opening /console/** does not open anything else under it by accident.
        assertThat(probe().get("/tasks").header("Content-Security-Policy")).isNull();
    }

    @Test
    void meNamesTheCallingKeyAndItsRolesButNeverTheKey() {
        JsonNode reader = probe().get("/me", "X-API-Key", READ_KEY).json();
        JsonNode operator = probe().get("/me", "Authorization", "Bearer " + OPS_KEY).json();
        Answer admin = probe().get("/me", "X-API-Key", ADMIN_KEY);

        assertThat(reader.path("name").asString()).isEqualTo("reader");
        assertThat(reader.path("roles").toString()).isEqualTo("[\"read\"]");
        assertThat(operator.path("name").asString()).isEqualTo("operator");
        assertThat(operator.path("roles").toString()).isEqualTo("[\"operate\",\"read\"]");
        assertThat(admin.json().path("roles").toString()).isEqualTo("[\"admin\",\"operate\",\"read\"]");
        assertThat(admin.body()).doesNotContain(ADMIN_KEY);
    }

    @Test
    void theOpenApiPagesLinkToTheConsole() {
        JsonNode info = probe().get("/v3/api-docs").json().path("info");

        assertThat(info.path("description").asString()).contains("[/console/](/console/)");
    }
}
