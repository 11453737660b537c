package dev.taskgateway.system;

import java.util.Set;

/**
 * The provider types this gateway can build sources of (the {@code provider} filter accepts these),
 * so the web layer knows them without reaching into {@code providers}.
 *
 * @param names the {@code type} values, e.g. {@code nxlink}, {@code new-api}
 */
public record ProviderTypes(Set<String> names) {

    public ProviderTypes {
        names = Set.copyOf(names);
    }
}
