package dev.taskgateway;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Stops start-up when a {@code taskgateway.*} setting refers to a variable that is not set.
 * Spring Boot binds {@code key: ${OPS_KEY}} with OPS_KEY unset as the literal text
 * {@code ${OPS_KEY}}, so without this check a forgotten secret would start the gateway with the
 * API key "${OPS_KEY}", or a provider with that text as its credential. The message names the key
 * and the variable, never a value.
 */
class UnresolvedPlaceholderCheck implements EnvironmentPostProcessor, Ordered {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Set<String> names = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith("taskgateway.")) {
                        names.add(name);
                    }
                }
            }
        }
        for (String name : names) {
            try {
                environment.getProperty(name);
            } catch (IllegalArgumentException unresolvable) {
                throw new InvalidConfigurationPropertyValueException(name, "(not shown)", "it refers to "
                        + String.join(", ", unset(environment, environment.getPropertySources().stream()
                                .map(s -> s.getProperty(name)).filter(v -> v != null).findFirst().orElse("")))
                        + ", which is not set; set that environment variable");
            }
        }
    }

    /** The placeholders of {@code raw} that resolve to nothing, as {@code ${NAME}}. */
    private static Set<String> unset(ConfigurableEnvironment environment, Object raw) {
        Set<String> unset = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(String.valueOf(raw));
        while (matcher.find()) {
            if (!environment.containsProperty(matcher.group(1))) {
                unset.add("${" + matcher.group(1) + "}");
            }
        }
        return unset.isEmpty() ? Set.of("a placeholder") : unset;
    }

    /** After the configuration files are loaded. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
