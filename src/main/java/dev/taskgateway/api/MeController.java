package dev.taskgateway.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /me}: the name and roles of the API key that sent the request, so a client (the
 * console) offers only what the key may do. Any valid key may ask; it never calls a provider.
 */
@RestController
@Tag(name = "Keys", description = "What the calling API key is allowed to do")
class MeController {

    private static final String ROLE_PREFIX = "ROLE_";

    /**
     * The calling key.
     *
     * @param name  the key's configured name (never the key itself)
     * @param roles its roles, lower case, sorted
     */
    @Schema(name = "Me")
    record MeBody(@Schema(example = "ops") String name,
                  @Schema(example = "[\"operate\", \"read\"]",
                          description = "read, operate, admin (docs/security.md)") List<String> roles) {
    }

    @GetMapping(path = "/me", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The calling API key's name and roles",
            description = "Any valid key may call it; the console uses it to offer only what the key may do.")
    @ApiResponse(responseCode = "200", description = "the key's name and roles")
    MeBody me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()).toLowerCase(Locale.ROOT))
                .sorted().toList();
        return new MeBody(authentication.getName(), roles);
    }
}
